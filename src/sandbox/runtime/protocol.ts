/**
 * Messages between the main thread and a plugin worker. Both sides are built
 * from this file, so the shapes agree; everything here is structured-clonable
 * (bigint and Uint8Array included), so nothing is serialised by hand.
 */
import type { MessagePort } from 'node:worker_threads';

/** What the worker gets at start, before it knows which plugin it will run. */
export interface WorkerBoot {
  /** The worker's end of the host-call channel; read with receiveMessageOnPort only. */
  hostPort: MessagePort;
  /** Int32Array over a SharedArrayBuffer: [0] is 1 when a host reply is waiting. */
  flag: Int32Array;
}

export interface LoadRequest {
  type: 'load';
  /** The cache entry's folder and the generated module in it. */
  dir: string;
  jsFile: string;
  coreFiles: string[];
  maxMemoryPages: number;
  /** Meter fuel (always, except to measure the meter's own cost in benchmarks). */
  fuel: boolean;
  /** Fuel of every counter at instantiation (a start function runs on it). */
  budget: bigint;
}

export type GuestOp = { op: 'call'; name: string; args: string } | { op: 'list' };

export type RunRequest = { type: 'run'; id: number; budget: bigint } & GuestOp;

export type ToWorker = LoadRequest | RunRequest;

/** One tool as the component's `list-tools` reports it (jco's field names). */
export interface GuestToolInfo {
  name: string;
  description: string;
  inputSchema: string;
}

/**
 * What a guest call came to. `trapped` means the instance is dead and the
 * worker instantiates a fresh one for the next call; `fuel` is decided in the
 * worker from the counters, the only place they can be read.
 */
export type GuestOutcome =
  | { ok: true; value: string | GuestToolInfo[]; fuelUsed: bigint }
  | { ok: false; kind: 'error' | 'fuel'; error: string; fuelUsed: bigint; trapped: boolean };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'loaded' }
  | { type: 'load-failed'; error: string }
  | { type: 'done'; id: number; outcome: GuestOutcome };
