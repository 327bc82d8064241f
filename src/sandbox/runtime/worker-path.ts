/**
 * Where the worker entry is. A worker_threads Worker cannot load .ts on
 * Node 20, so when this module runs from src/ (vitest runs the TypeScript
 * sources) the built file in dist/ is used instead: tests of the runtime need
 * `npm run build` first (`npm test` builds before it runs vitest).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let resolved: string | undefined;

export function workerScriptPath(from: string = import.meta.url): string {
  if (from === import.meta.url && resolved) return resolved;
  const here = fileURLToPath(from);
  const built = here.endsWith('.ts')
    ? here.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, '$1dist$2').replace(/\.ts$/, '.js')
    : here;
  const file = built.replace(/worker-path\.js$/, 'worker-main.js');
  if (!existsSync(file)) throw new Error(`the plugin worker script ${file} does not exist; run \`npm run build\` first`);
  if (from === import.meta.url) resolved = file;
  return file;
}
