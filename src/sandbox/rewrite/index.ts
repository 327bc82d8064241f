// A defensive binary rewriter for core wasm modules: fuel metering and memory caps.
// Pure and synchronous; needs nothing but the language (and WeftError). See fuel.ts for the
// exact unit and segment definitions, meter.ts for the host side of the counter.
import { RewriteError } from './errors.js';
import { MAX_PAGES } from './memory.js';
import { rewriteModule } from './module.js';

export { RewriteError, isRewriteError, type RewriteErrorCode } from './errors.js';
export { FUEL_EXPORT } from './globals.js';
export { MAX_PAGES, PAGES_PER_MIB } from './memory.js';
export { type FuelCounter, type FuelReading, isFuelCounter, readFuel, setFuel, toFuel } from './meter.js';

export interface RewriteOptions {
  /** Meter every function body with a fuel counter exported as a mutable i64 global. */
  fuel: boolean;
  /** Cap on every memory's maximum, in 64 KiB pages (max_memory_mb * 16); at most 65536. */
  maxMemoryPages: number;
  /**
   * The counter's value at instantiation, before the host can set it (a start
   * function runs on it). Default 0: an unmanaged module traps at its first
   * metered function entry.
   */
  initialFuel?: bigint;
}

export interface RewriteResult {
  bytes: Uint8Array;
  /** Export name of the fuel counter; absent when fuel is off or the module defines no functions. */
  fuelGlobalExport?: string;
  stats: {
    /** Function bodies metered. */
    functions: number;
    /** Straight-line segments charged (each got one charge). */
    segments: number;
  };
}

/**
 * Rewrites a core module: caps each memory's declared maximum at
 * `maxMemoryPages` and, with `fuel`, meters it. Throws only RewriteError.
 */
export function rewriteCoreModule(bytes: Uint8Array, options: RewriteOptions): RewriteResult {
  if (!(bytes instanceof Uint8Array)) throw new RewriteError('options', 'module bytes must be a Uint8Array');
  const { fuel, maxMemoryPages, initialFuel = 0n } = options ?? ({} as RewriteOptions);
  if (typeof fuel !== 'boolean') throw new RewriteError('options', `fuel must be a boolean, got ${String(fuel)}`);
  if (!Number.isInteger(maxMemoryPages) || maxMemoryPages < 0 || maxMemoryPages > MAX_PAGES) {
    throw new RewriteError('options', `maxMemoryPages must be an integer from 0 to ${MAX_PAGES}, got ${String(maxMemoryPages)}`);
  }
  if (typeof initialFuel !== 'bigint' || initialFuel < -(1n << 63n) || initialFuel >= 1n << 63n) {
    throw new RewriteError('options', `initialFuel must be an i64 bigint, got ${String(initialFuel)}`);
  }
  try {
    // A plain view: a Node Buffer's subarray() is much slower than a Uint8Array's.
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = rewriteModule(view, { fuel, capPages: maxMemoryPages, initialFuel });
    return {
      bytes: result.bytes,
      ...(result.fuelGlobalExport !== undefined ? { fuelGlobalExport: result.fuelGlobalExport } : {}),
      stats: result.stats,
    };
  } catch (error) {
    if (error instanceof RewriteError) throw error;
    // A decoder bug must still surface as a refusal, never as a crash of the host.
    throw new RewriteError('malformed', `could not decode the module: ${error instanceof Error ? error.message : String(error)}`);
  }
}
