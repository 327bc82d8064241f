/**
 * `weft` without a verb: the REPL on a terminal, scripted mode otherwise.
 * `weft -p "<input>"` runs one input (stdin is read only with --stdin, and
 * appended as context, so an open pipe never hangs it); without -p a stdin
 * that is not a terminal is run line by line until EOF.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { findWorkspace } from '../../config/workspace.js';
import { ApprovalsStore } from '../../plugin/approvals/index.js';
import { UsageError } from '../../plugin/errors.js';
import { flagName } from '../command.js';
import type { WeftPaths } from '../../config/paths.js';
import type { ResumeRequest } from '../../repl.js';
import { OUTPUT_FORMATS, type OutputFormat } from './output.js';
import { runScripted } from './scripted.js';

export const SESSION_FLAGS = {
  print: { type: 'string', shortFlag: 'p', description: 'run this one input (a /command or a message) and exit' },
  stdin: { type: 'boolean', description: 'with -p: read stdin and append it to the input as context' },
  output: { type: 'string', description: 'text (default), json (one envelope) or stream-json (one event per line)' },
  json: { type: 'boolean', description: 'same as --output json' },
  yes: { type: 'boolean', description: 'approve the native-command skills and plugins this invocation needs (a tool the model chose: for this invocation only; never workspace trust)' },
  trustWorkspace: { type: 'boolean', description: 'trust the current workspace (as `weft trust` does) before running' },
  continue: { type: 'boolean', shortFlag: 'c', description: 'continue the latest conversation in this workspace' },
  resume: { type: 'string', shortFlag: 'r', description: 'continue the conversation with this id (/resume lists them)' },
} as const;

async function startInteractive(io: SessionIo, resume?: ResumeRequest): Promise<number> {
  // The bundled UI (scripts/bundle-ui.mjs) when the build made it, else the plain modules.
  const bundle = new URL('../../repl.bundle.js', import.meta.url);
  const ui = existsSync(bundle) ? import(bundle.href) as Promise<typeof import('../../repl.js')> : import('../../repl.js');
  const [{ pluginContext }, { startRepl }] = await Promise.all([import('../plugin/load.js'), ui]);
  await pluginContext({ args: [], flags: {}, json: false, paths: io.paths, stdout: io.stdout, stderr: io.stderr }); // a broken config stops here, before the screen is taken
  return startRepl(io.paths, io.stderr, resume);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trimEnd();
}

/** Lines of stdin (CRLF or LF) until EOF or until `stop` aborts; then stdin is let go so the process can end. */
async function* stdinLines(stop: AbortSignal): AsyncGenerator<string> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const close = (): void => { rl.close(); process.stdin.destroy(); };
  stop.addEventListener('abort', close, { once: true });
  try {
    for await (const line of rl) yield line;
  } finally {
    stop.removeEventListener('abort', close);
    close(); // ended early (/exit): let go of a stdin that may stay open
  }
}

export interface SessionIo {
  paths: WeftPaths;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function runSession(argv: string[], io: SessionIo, help: () => string): Promise<number> {
  // Plain `weft` on a terminal: nothing to parse, and the REPL's start is measured.
  if (argv.length === 0 && process.stdin.isTTY) return startInteractive(io);
  const { default: meow } = await import('meow');
  const cli = meow(help(), {
    importMeta: import.meta, argv, flags: SESSION_FLAGS, allowUnknownFlags: true, autoVersion: false, autoHelp: false, booleanDefault: undefined,
  });
  const flags = cli.flags as { print?: string; stdin?: boolean; output?: string; json?: boolean; yes?: boolean; trustWorkspace?: boolean; continue?: boolean; resume?: string; help?: boolean };
  const unknown = Object.keys(cli.flags).filter((k) => !(k in SESSION_FLAGS) && k !== 'help');
  if (unknown.length > 0) throw new UsageError(`unknown option ${flagName(unknown[0]!)}`, 'Run `weft --help` for the options.');
  if (flags.json && flags.output !== undefined && flags.output !== 'json') throw new UsageError(`--json and --output ${flags.output} ask for different output`, 'Give one: --json is the same as --output json.');
  const format = (flags.json ? 'json' : flags.output ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--output must be text, json or stream-json, not "${flags.output}"`, 'Run `weft --help` for the options.');
  if (flags.print !== undefined && !flags.print.trim()) throw new UsageError('-p needs an input: weft -p "/help" or weft -p "a message"', 'Put the input right after -p, quoted when it has spaces.');
  if (flags.stdin && process.stdin.isTTY) throw new UsageError('--stdin reads piped input, but stdin is a terminal', 'Pipe something in (cmd | weft -p "…" --stdin), or leave out --stdin.');
  if (flags.stdin && flags.print === undefined) throw new UsageError('--stdin goes with -p "<input>"', 'Without -p, weft already reads stdin line by line when it is not a terminal.');
  if (flags.trustWorkspace) {
    const ws = findWorkspace(io.paths);
    if (!ws) throw new UsageError('--trust-workspace: there is no workspace here', 'Run weft in a project folder.');
    await new ApprovalsStore(io.paths.approvalsFile).trustWorkspace(ws.root);
  }
  if (flags.continue && flags.resume !== undefined) throw new UsageError('--continue and --resume each pick a conversation: give one', '--continue takes the latest one here; --resume <id> a given one.');
  if (flags.resume !== undefined && !flags.resume.trim()) throw new UsageError('--resume needs a session id', 'Type /resume in weft to list them, then weft --resume <id>.');
  const resume: ResumeRequest | undefined = flags.continue ? { latest: true } : flags.resume !== undefined ? { id: flags.resume.trim() } : undefined;
  const input = { args: [], flags: {}, json: format === 'json', paths: io.paths, stdout: io.stdout, stderr: io.stderr };
  const options = { format, yes: flags.yes === true, ...(resume ? { resume } : {}) };
  if (flags.print !== undefined) {
    const context = flags.stdin ? await readStdin() : '';
    return runScripted(input, { ...options, inputs: () => [context ? `${flags.print}\n\n${context}` : flags.print!] });
  }
  if (process.stdin.isTTY) {
    const scriptedOnly = (['output', 'json', 'yes', 'stdin'] as const).filter((k) => flags[k] !== undefined);
    if (scriptedOnly.length > 0) throw new UsageError(`--${scriptedOnly[0]} is for scripted mode, and this would open the REPL`, 'Add -p "<input>", or pipe the inputs in.');
    return startInteractive(io, resume);
  }
  return runScripted(input, { ...options, inputs: stdinLines });
}
