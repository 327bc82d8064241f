#!/usr/bin/env node
// The entry point. `--version` is answered before anything else is imported:
// its start-up cost is a benchmark target (<= 1.5x `node -e 0`).
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const onlyFlags = argv.every((a) => a.startsWith('-'));
if (onlyFlags && (argv.includes('--version') || argv.includes('-v'))) {
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ok: true, data: { name: 'weft', version: version(), node: process.versions.node } })}\n`);
  } else {
    process.stdout.write(`${version()}\n`);
  }
} else {
  const { main } = await import('./commands/main.js');
  process.exitCode = await main(argv);
}
