/**
 * The plugin worker's entry (run from dist/: Node 20 workers cannot load .ts).
 * It boots without knowing its plugin, so a spare can be started ahead of
 * time; then it takes one `load` and any number of `run` requests, strictly
 * in order. Guest code runs synchronously here, so a long or stuck guest
 * blocks only this thread; the main thread ends it with worker.terminate().
 */
import { performance } from 'node:perf_hooks';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { hostCaller } from './bridge.js';
import { Guest } from './guest.js';
import { hostImports } from './host-imports.js';
import type { FromWorker, ToWorker, WorkerBoot } from './protocol.js';

const port = parentPort!;
const { hostPort, flag } = workerData as WorkerBoot;
const host = hostImports(hostCaller(hostPort, flag));
let guest: Promise<Guest> | undefined;
let queue: Promise<unknown> = Promise.resolve();

const send = (message: FromWorker): void => port.postMessage(message);

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'load') {
    guest = Guest.load(message, host);
    try {
      await guest;
      send({ type: 'loaded' });
    } catch (error) {
      guest = undefined;
      send({ type: 'load-failed', error: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  const loaded = guest ? await guest : undefined;
  const outcome = loaded
    ? await loaded.run(message, message.budget)
    : { ok: false as const, kind: 'error' as const, error: 'plugin worker: no plugin loaded', fuelUsed: 0n, trapped: false };
  send({ type: 'done', id: message.id, outcome });
  awaitNextBriefly();
}

/**
 * After a call, poll for the next one for half a millisecond before going
 * back to sleep: waking a sleeping thread costs tens of microseconds on an
 * idle machine, more than a trivial call itself, and calls often come in runs.
 */
const SPIN_MS = 0.5;
function awaitNextBriefly(): void {
  const until = performance.now() + SPIN_MS;
  while (performance.now() < until) {
    const next = receiveMessageOnPort(port);
    if (next) {
      enqueue(next.message as ToWorker);
      return;
    }
  }
}

function enqueue(message: ToWorker): void {
  queue = queue.then(() => handle(message)).catch((error: unknown) => {
    // Only a reply that cannot be cloned gets here; report it rather than leave the call hanging.
    if (message.type === 'run') {
      const text = error instanceof Error ? error.message : String(error);
      send({ type: 'done', id: message.id, outcome: { ok: false, kind: 'error', error: `plugin worker: ${text}`, fuelUsed: 0n, trapped: false } });
    }
  });
}

port.on('message', enqueue);
send({ type: 'ready' });
