/**
 * The host side of the `weft:plugin/host` interface (wit/plugin.wit). The
 * worker runtime forwards each guest call here unchanged; every permission
 * check and every byte of I/O happens behind `createHost`.
 */
import type { LookupAddress } from 'node:dns';
import type { Duplex } from 'node:stream';
import type { PluginPermissions, ResourceLimits } from '../../plugin/manifest/types.js';
import type { AuditSink } from '../audit/types.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export type HostCall =
  | { fn: 'read-file'; path: string }
  | { fn: 'write-file'; path: string; contents: Uint8Array }
  | { fn: 'http-request'; method: string; url: string; headers: Array<[string, string]>; body: Uint8Array }
  | { fn: 'get-env'; name: string }
  | { fn: 'log'; level: LogLevel; message: string };

export interface HttpResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/** Never a thrown error: a denial is `{ok:false}` with a reason the plugin author can act on. */
export type HostResult =
  | { ok: true; value: Uint8Array | null | string | HttpResponse }
  | { ok: false; error: string };

/** Resolves a name to every address (`dns.promises.lookup` with `{all: true}` fits). */
export type LookupFn = (hostname: string, options: { all: true }) => Promise<LookupAddress[]>;

/** Where a connection goes: always an address the host has already checked. */
export interface ConnectTarget {
  /** The exact IP to connect to (checked; never re-resolved). */
  address: string;
  family: 4 | 6;
  port: number;
  tls: boolean;
  /** The URL's host name (or IP literal), for logs. */
  hostname: string;
  /** SNI and certificate name: the host name; absent for IP literals. */
  servername?: string;
}

/** The socket-creating edge: default `net.connect` / `tls.connect` to `target.address`. */
export type ConnectFn = (target: ConnectTarget) => Duplex;

export interface HostContext {
  pluginId: string;
  /** What the user approved (already the intersection of asked and allowed). */
  granted: PluginPermissions;
  limits: ResourceLimits;
  /** Absolute; `$WORKSPACE` paths are refused when null. */
  workspace: string | null;
  /** What `~` means. */
  home: string;
  audit: AuditSink;
  lookup?: LookupFn;
  connect?: ConnectFn;
  /** User config exception: 'IP:PORT' literals ('[::1]:8080' for IPv6) a plugin may reach though private. */
  allowAddresses?: string[];
  /** User config: deny-listed variables the user passes to this plugin anyway. */
  allowEnv?: string[];
  env?: NodeJS.ProcessEnv;
  /** Epoch ms; drives rate-limit windows and audit dates. */
  now?: () => number;
  onLog?: (level: LogLevel, message: string) => void;
  /** Test hook: runs between the path checks and the open. */
  hooks?: { beforeOpen?: (path: string) => void | Promise<void> };
  /**
   * Folders no grant can open, read or write (default: `~/.clawft`). The
   * runtime should pass `$CLAWFT_HOME`: it holds the approvals a plugin
   * could otherwise rewrite to grant itself more.
   */
  protect?: string[];
  /** Whole-call HTTP timeout, redirects included (default 10 s). */
  httpTimeoutMs?: number;
}

/** A host: call it per guest call; `flush` writes pending rate-limit reports to the audit sink. */
export type Host = ((call: HostCall, signal?: AbortSignal) => Promise<HostResult>) & {
  flush(): Promise<void>;
};

/** What a handler decided: the result for the guest and what the audit log says. */
export interface Outcome {
  result: HostResult;
  target: string;
  allowed: boolean;
  reason?: string;
  /** False when the handler has already audited (or deliberately folded) the call. */
  audit?: boolean;
}

export function allow(target: string, value: Exclude<HostResult, { ok: false }>['value'], reason?: string): Outcome {
  return { result: { ok: true, value }, target, allowed: true, ...(reason ? { reason } : {}) };
}

/** A refusal: the plugin sees `reason`, the audit log records it. */
export function deny(target: string, reason: string): Outcome {
  return { result: { ok: false, error: reason }, target, allowed: false, reason };
}

/** Thrown inside handlers for a refusal found deep in I/O; caught and turned into `deny`. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

export const MiB = 1024 * 1024;
/** Caps (bytes). Decisions recorded in the report: 8 MiB read, 4 MiB write, 1 MiB request body, 4 MiB response. */
export const CAPS = {
  readBytes: 8 * MiB,
  writeBytes: 4 * MiB,
  requestBody: 1 * MiB,
  responseBody: 4 * MiB,
  requestHeaderBytes: 64 * 1024,
  requestHeaders: 100,
  logMessageBytes: 4096,
  redirects: 5,
  httpTimeoutMs: 10_000,
  pathLength: 4096,
} as const;
