import { resolvePaths } from '../config/paths.js';
import { UsageError } from '../plugin/errors.js';
import { ExitCode } from '../plugin/exit-codes.js';
import { flagName, type CommandModule, type FlagSpec } from './command.js';
import { globalHelp } from './help.js';
import { reportFailure } from './report.js';
import { findVerb, VERBS } from './verbs.js';
import { verbIndex } from './session/verb-index.js';

async function suggest(word: string): Promise<string | undefined> {
  const { closestNames } = await import('../plugin/naming/closest.js');
  const hit = closestNames(word, VERBS.flatMap((v) => [v.name, ...v.aliases]), 1)[0];
  return hit ? findVerb(hit)?.name : undefined;
}

function verbHelp(command: CommandModule): string {
  const all: Record<string, FlagSpec> = { ...command.flags, json: { type: 'boolean', description: 'machine-readable output' } };
  const flags = Object.entries(all)
    .map(([name, f]) => `  ${flagName(name)}${f.shortFlag ? `, -${f.shortFlag}` : ''}  ${f.description}`)
    .join('\n');
  return `${command.description}\n\nUsage\n  ${command.usage}\n\nOptions\n${flags}`;
}

/** What a failure before any input ran must be printed as: `--json`, `--output json` or `--output stream-json`. */
function requestedFormat(argv: readonly string[]): 'json' | 'stream-json' | 'text' {
  if (argv.includes('--json')) return 'json';
  const at = argv.findIndex((a) => a === '--output' || a.startsWith('--output='));
  const value = at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.slice('--output='.length) : argv[at + 1];
  return value === 'json' || value === 'stream-json' ? value : 'text';
}

/** Dispatches `weft <verb> …` to its module; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const format = requestedFormat(argv);
  const json = format === 'json';
  const { stdout, stderr } = process;
  try {
    const at = verbIndex(argv);
    if (at === -1) {
      if (argv.includes('--help') || argv.includes('-h')) {
        stdout.write(globalHelp());
        return ExitCode.ok;
      }
      const { runSession } = await import('./session/index.js');
      return await runSession(argv, { paths: resolvePaths(), stdout, stderr }, globalHelp);
    }
    const word = argv[at]!;
    const verb = findVerb(word);
    if (!verb) {
      const near = await suggest(word);
      const afterPrint = argv.slice(0, at).some((a) => a === '-p' || a === '--print');
      throw new UsageError(`unknown command "${word}"${near ? `; did you mean "${near}"?` : ''}`,
        afterPrint ? 'The input after -p is one argument: quote it, e.g. weft -p "/skill deploy now".' : 'Run `weft --help` to see the commands.');
    }
    const [command, { default: meow }] = await Promise.all([verb.load(), import('meow')]);
    const rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
    const cli = meow(verbHelp(command), {
      importMeta: import.meta,
      argv: rest,
      flags: { ...command.flags, json: { type: 'boolean', default: false } },
      allowUnknownFlags: true, // checked below, so --json callers get the envelope
      autoVersion: false,
      booleanDefault: undefined,
    });
    const unknown = Object.keys(cli.flags).filter((k) => !(k in command.flags) && k !== 'json' && k !== 'help');
    if (unknown.length > 0) {
      throw new UsageError(`unknown option ${flagName(unknown[0]!)} for "weft ${command.name}"`, `Run \`weft ${command.name} --help\` for its options.`);
    }
    return await command.run({ args: cli.input, flags: cli.flags, json, paths: resolvePaths(), stdout, stderr });
  } catch (error) {
    const code = reportFailure(error, json, stdout, stderr);
    if (format === 'stream-json') {
      const message = error instanceof Error ? error.message : String(error);
      const fix = (error as { details?: { fix?: string } }).details?.fix;
      stdout.write(`${JSON.stringify({ type: 'error', message, ...(fix ? { fix } : {}), exitCode: code })}\n${JSON.stringify({ type: 'done', exitCode: code })}\n`);
    }
    return code;
  }
}
