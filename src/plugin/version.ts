import { readFileSync } from 'node:fs';

/** weft's version, from its package.json (what `weft --version` prints and MCP's serverInfo says). */
export function weftVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
