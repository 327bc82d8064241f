import { exitCodeTable } from '../plugin/exit-codes.js';
import { VERBS } from './verbs.js';

/** `weft --help`: generated from the verb table and the exit-code module. */
export function globalHelp(): string {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  const verbs = VERBS.map((v) => `  weft ${v.name.padEnd(width)}  ${v.summary}`).join('\n');
  const codes = exitCodeTable.map((e) => `  ${String(e.code).padStart(3)}  ${e.meaning}`).join('\n');
  return `weft: a terminal agent shell built on skills and sandboxed WebAssembly plugins

Usage
  weft                       the REPL (on a terminal); /help lists its commands
  weft -p "<input>"          run one input without the REPL (a /command or a message)
  weft < inputs.txt          run each line of a piped stdin
  weft <command> [options]

Commands
${verbs}

Options
  --help       show help (also after a command: weft trust --help)
  --version    print the version
  --json       machine-readable output (one JSON object on stdout)

Options without a command (scripted mode)
  -p, --print <input>   run this one input and exit
  --stdin               with -p: append stdin to the input as context
  --output <format>     text (default), json (one envelope) or stream-json (one event per line)
  --yes                 approve the native-command skills and plugins this invocation needs
                        (a /command you typed: for good; a tool the model chose: this run only)
  --trust-workspace     trust the current workspace first (as \`weft trust\` does)

Conversations (with the REPL or -p)
  -c, --continue        continue the latest conversation in this workspace
  -r, --resume <id>     continue the conversation with this id (/resume lists them)

Environment
  CLAWFT_HOME  weft's home directory (default ~/.clawft)
  The model's key is read from the variable its provider names (providers.<name>.apiKeyEnv).

Exit codes
${codes}
`;
}
