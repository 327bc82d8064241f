/**
 * The host-function API the runtime forwards guest calls to. The call and
 * result shapes are the host's own (src/sandbox/host/types.ts); the runtime
 * needs only a function of them, which the host's `Host` is.
 */
import type { HostCall, HostResult } from '../host/types.js';

export type { HostCall, HostResult, HttpResponse, LogLevel } from '../host/types.js';

/**
 * Runs one host call on the main thread: every permission check and all I/O
 * happen here. `signal` aborts when the call's deadline passes or it is cancelled.
 */
export type HostHandler = (call: HostCall, signal?: AbortSignal) => Promise<HostResult>;
