/**
 * Module resolve hook (runs on Node's loader thread). Ink imports
 * `{ throttle } from 'es-toolkit/compat'`, which loads the whole compat
 * bundle: about 170 ms of the REPL's start here. The import is sent to
 * throttle-shim.js, which re-exports that one function.
 */
interface ResolveContext { parentURL?: string }
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

const SHIM = new URL('./throttle-shim.js', import.meta.url).href;

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier === 'es-toolkit/compat' && context.parentURL?.includes('/node_modules/ink/')) return { url: SHIM, shortCircuit: true };
  return next(specifier, context);
}
