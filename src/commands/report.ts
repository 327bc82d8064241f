import { formatDiagnostic, type Diagnostic } from '../plugin/diagnostic.js';
import { isWeftError } from '../plugin/errors.js';
import { ExitCode, type ExitCodeValue } from '../plugin/exit-codes.js';
import type { JsonFailure } from '../plugin/output.js';
import { success } from '../plugin/output.js';

export { plain } from '../plugin/plain.js';
import { plain } from '../plugin/plain.js';

export function writeJson(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints a verb's data: the JSON envelope with --json, else the human text. */
export function emit<T>(input: { json: boolean; stdout: NodeJS.WritableStream }, data: T, human: (data: T) => string, diagnostics?: Diagnostic[]): void {
  if (input.json) writeJson(input.stdout, success(data, diagnostics));
  else {
    const text = plain(human(data));
    if (text) input.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

export function writeDiagnostics(stream: NodeJS.WritableStream, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) stream.write(`${plain(formatDiagnostic(d))}\n`);
}

/** Any failure as text on stderr (and an envelope on stdout with --json); returns the exit code. */
export function reportFailure(error: unknown, json: boolean, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): ExitCodeValue {
  if (isWeftError(error)) {
    // a message that lists several problems carries each one's fix already (config errors): not again
    const fix = error.details.fix && !error.message.includes(error.details.fix) ? error.details.fix : undefined;
    stderr.write(plain(`weft: ${error.message}\n${fix ? `  fix: ${fix}\n` : ''}`));
    if (json) {
      const failure: JsonFailure = { ok: false, exitCode: error.exitCode, error: { message: error.message, ...error.details } };
      writeJson(stdout, failure);
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`weft: internal error: ${message}\n`);
  if (process.env.WEFT_DEBUG && error instanceof Error) stderr.write(`${error.stack ?? ''}\n`);
  if (json) writeJson(stdout, { ok: false, exitCode: ExitCode.error, error: { code: 'internal', message } } satisfies JsonFailure);
  return ExitCode.error;
}
