/**
 * Main-thread side of one plugin worker: starts the thread, serves its host
 * calls, and turns the message protocol into promises. A worker starts with
 * no plugin and no host handler (so it can wait as a spare), then gets both.
 * It never keeps the process alive by itself (unref): a call in flight is
 * held up by its deadline timer.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { serveHostCalls } from './bridge.js';
import type { HostHandler } from './host-bridge-types.js';
import type { FromWorker, GuestOp, GuestOutcome, LoadRequest, WorkerBoot } from './protocol.js';
import { workerScriptPath } from './worker-path.js';

/**
 * The parent's node options minus those about its own entry script: a worker
 * inherits process.execArgv, and `--input-type` (from `node --input-type=module -e …`)
 * makes a worker with a file entry fail. Engine flags (e.g. wasm features) are kept.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--input-type')) continue;
    if (arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print') {
      i++; // and its code
      continue;
    }
    if (/^--(eval|print)=/.test(arg)) continue;
    out.push(arg);
  }
  return out;
}

const denyAll: HostHandler = async (call) => ({ ok: false, error: `${call.fn}: no host is attached to this plugin` });

export class PluginWorker {
  readonly threadId: number;
  /** Resolves with the milliseconds from start to the worker's first message. */
  readonly ready: Promise<number>;
  /** Resolves with the exit code once the thread is gone. */
  readonly exited: Promise<number>;
  private handler: HostHandler = denyAll;
  private signal: AbortSignal | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (o: GuestOutcome) => void; reject: (e: Error) => void }>();
  private loading: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private gone: Error | undefined;
  private readonly worker: Worker;

  constructor() {
    const started = performance.now();
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const boot: WorkerBoot = { hostPort: port2, flag };
    // stdout/stderr are captured and dropped: a guest has no console, and stray output from
    // jco's generated code must not land in the REPL's terminal. Crashes arrive as 'error' events.
    this.worker = new Worker(workerScriptPath(), {
      workerData: boot, transferList: [port2], execArgv: workerExecArgv(), stdout: true, stderr: true,
      // The guest reads variables only through get-env on the main thread; the
      // worker itself needs none, so it gets none (defence in depth).
      env: {},
    });
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    this.threadId = this.worker.threadId;
    serveHostCalls(port1, flag, (call, signal) => this.handler(call, signal), () => this.signal);
    port1.unref();
    this.worker.unref();
    let markReady!: (ms: number) => void;
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') markReady(performance.now() - started);
      else if (message.type === 'loaded') {
        this.loading?.resolve();
        this.loading = undefined;
      }
      else if (message.type === 'load-failed') this.loading?.reject(new Error(message.error));
      else this.settle(message.id, message.outcome);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.exited = new Promise((resolve) => this.worker.once('exit', (code) => {
      port1.close();
      this.fail(new Error(`the plugin worker exited (code ${code})`));
      markReady(performance.now() - started);
      resolve(code);
    }));
  }

  /** False once the thread has exited, crashed or been terminated. */
  get alive(): boolean {
    return this.gone === undefined;
  }

  /** Who answers this worker's host calls from now on. */
  attach(handler: HostHandler): void {
    this.handler = handler;
  }

  async load(request: Omit<LoadRequest, 'type'>): Promise<void> {
    await this.ready;
    if (this.gone) throw this.gone;
    await new Promise<void>((resolve, reject) => {
      this.loading = { resolve, reject };
      this.worker.postMessage({ type: 'load', ...request } satisfies LoadRequest);
    });
  }

  /** Runs one export; `signal` is handed to the host handler for the calls it makes. Rejects if the worker dies. */
  run(op: GuestOp, budget: bigint, signal: AbortSignal): Promise<GuestOutcome> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    this.signal = signal;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'run', id, budget, ...op });
    });
  }

  /** Stops the thread, whatever it is doing (a wasm loop or Atomics.wait), and waits until it is gone. */
  async terminate(): Promise<void> {
    this.fail(new Error('the plugin worker was terminated'));
    await this.worker.terminate();
  }

  private settle(id: number, outcome: GuestOutcome): void {
    const waiter = this.pending.get(id);
    this.pending.delete(id);
    waiter?.resolve(outcome);
  }

  private fail(error: Error): void {
    this.gone ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
    this.loading?.reject(error);
    this.loading = undefined;
  }
}
