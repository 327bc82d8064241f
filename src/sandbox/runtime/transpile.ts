/**
 * Component → JS module + core modules, with jco-transpile in "async"
 * instantiation mode: the generated module exports
 * instantiate(getCoreModule, imports, instantiateCore), so weft compiles
 * (and first rewrites) every core module itself and supplies the imports.
 * jco-transpile is imported on first use only: it costs ~70 ms and more to
 * load, and a cached plugin never needs it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';

/** The generated module's base name: files are `plugin.js`, `plugin.core.wasm`, … */
const NAME = 'plugin';

export interface Transpiled {
  /** Only the files the runtime needs: the JS module and the core .wasm files. */
  files: Record<string, Uint8Array>;
  jsFile: string;
  coreFiles: string[];
}

type JcoTranspile = typeof import('@bytecodealliance/jco-transpile');
let jco: Promise<JcoTranspile> | undefined;

/**
 * Imports jco-transpile with its (large) wasm compiled by Liftoff only. With
 * V8's default tier-up, TurboFan recompiles the hot part of it on background
 * threads after the first transpile and the main thread stalls ~300–400 ms
 * (measured on Node 20.20, 2 cores); Liftoff-only code made the first
 * transpile faster too (~150 ms instead of ~280 ms). The flag is read when a
 * module is compiled, so it is set for the import only and restored at once
 * (unless the user runs node with --liftoff-only anyway).
 */
function importJco(): Promise<JcoTranspile> {
  return (jco ??= (async () => {
    const keep = process.execArgv.includes('--liftoff-only');
    v8.setFlagsFromString('--liftoff-only');
    try {
      return await import('@bytecodealliance/jco-transpile');
    } finally {
      if (!keep) v8.setFlagsFromString('--no-liftoff-only');
    }
  })());
}

export async function transpileComponent(bytes: Uint8Array): Promise<Transpiled> {
  const { transpileBytes } = await importJco();
  const { files } = await transpileBytes(bytes, { name: NAME, instantiation: 'async', emitTypescriptDeclarations: false });
  const jsFile = `${NAME}.js`;
  const coreFiles = Object.keys(files).filter((f) => f.endsWith('.wasm')).sort();
  if (!files[jsFile]) throw new Error(`jco-transpile produced no ${jsFile}`);
  const kept = Object.fromEntries([jsFile, ...coreFiles].map((f) => [f, files[f]!]));
  return { files: kept, jsFile, coreFiles };
}

let version: string | undefined;

/** The installed jco-transpile's version, read without loading it: a cache entry is only good for the version that wrote it. */
export function transpilerVersion(): string {
  if (version !== undefined) return version;
  try {
    const entry = createRequire(import.meta.url).resolve('@bytecodealliance/jco-transpile');
    let dir = path.dirname(entry);
    for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === '@bytecodealliance/jco-transpile' && pkg.version) return (version = pkg.version);
      } catch {
        // no package.json at this level: keep walking up
      }
    }
  } catch {
    // not resolvable: fall through
  }
  return (version = 'unknown');
}
