/**
 * Worker side: `weft:plugin/host` as jco's generated code calls it. Each
 * function forwards one HostCall through the bridge and maps the HostResult
 * to the WIT type. jco turns a thrown string into the guest's `err`; a thrown
 * Error would unwind through the wasm frames instead, so nothing here lets
 * one escape. get-env and log have no error channel: a refusal is `none`
 * (get-env) or nothing (log).
 */
import type { HostCall, HostResult, HttpResponse, LogLevel } from './host-bridge-types.js';

export interface HostImports {
  readFile(path: string): Uint8Array;
  writeFile(path: string, contents: Uint8Array): void;
  httpRequest(req: { method: string; url: string; headers: Array<[string, string]>; body: Uint8Array }): HttpResponse;
  getEnv(name: string): string | undefined;
  log(level: LogLevel, message: string): void;
}

export function hostImports(call: (c: HostCall) => HostResult): HostImports {
  /** Runs one call; returns the ok value or throws the err string. */
  const value = (c: HostCall): HostResult & { ok: true } => {
    let result: HostResult;
    try {
      result = call(c);
    } catch (error) {
      throw `host error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!result.ok) throw typeof result.error === 'string' ? result.error : `${c.fn} failed`;
    return result;
  };
  return {
    readFile: (path) => {
      const v = value({ fn: 'read-file', path }).value;
      if (v instanceof Uint8Array) return v;
      if (typeof v === 'string') return new TextEncoder().encode(v);
      throw 'host error: read-file returned no contents';
    },
    writeFile: (path, contents) => {
      value({ fn: 'write-file', path, contents });
    },
    httpRequest: ({ method, url, headers, body }) => {
      const v = value({ fn: 'http-request', method, url, headers, body }).value;
      if (!isResponse(v)) throw 'host error: http-request returned no response';
      return { status: v.status, headers: v.headers, body: v.body };
    },
    getEnv: (name) => {
      try {
        const v = value({ fn: 'get-env', name }).value;
        return typeof v === 'string' ? v : undefined;
      } catch {
        return undefined;
      }
    },
    log: (level, message) => {
      try {
        value({ fn: 'log', level, message });
      } catch {
        // A refused log message (rate limit) is dropped; the guest has no way to hear about it.
      }
    },
  };
}

function isResponse(v: unknown): v is HttpResponse {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<HttpResponse>;
  return Number.isInteger(r.status) && r.status! >= 0 && r.status! <= 0xffff && r.body instanceof Uint8Array
    && Array.isArray(r.headers) && r.headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string');
}
