import { exitCodeTable } from '../plugin/exit-codes.js';
import { VERBS } from './verbs.js';

/** `weft --help`: generated from the verb table and the exit-code module. */
export function globalHelp(): string {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  const verbs = VERBS.map((v) => `  weft ${v.name.padEnd(width)}  ${v.summary}`).join('\n');
  const codes = exitCodeTable.map((e) => `  ${String(e.code).padStart(3)}  ${e.meaning}`).join('\n');
  return `weft: a terminal agent shell built on skills and sandboxed WebAssembly plugins

Usage
  weft <command> [options]

Commands
${verbs}

Options
  --help       show help (also after a command: weft trust --help)
  --version    print the version
  --json       machine-readable output (one JSON object on stdout)

Environment
  CLAWFT_HOME  weft's home directory (default ~/.clawft)

Exit codes
${codes}
`;
}
