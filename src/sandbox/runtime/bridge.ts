/**
 * The host-call bridge. Node 20 has no JSPI, so a guest's host import must
 * return synchronously while the real work (permission checks, file and
 * network I/O) is async and happens on the main thread. The worker posts the
 * call on a MessagePort and blocks in Atomics.wait; the main thread runs the
 * HostHandler, posts the result on the same channel and then flips the flag.
 * The worker takes the reply with receiveMessageOnPort: postMessage has
 * already queued it by the time the flag is set, and structured clone moves
 * Uint8Arrays without a hand-written encoding or a size-limited shared buffer.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { HostCall, HostHandler, HostResult } from './host-bridge-types.js';

const WAITING = 0;
const REPLIED = 1;

/** Worker side: one synchronous call at a time (the guest is single-threaded). */
export function hostCaller(port: MessagePort, flag: Int32Array): (call: HostCall) => HostResult {
  return (call) => {
    Atomics.store(flag, 0, WAITING);
    port.postMessage(call);
    for (;;) {
      // No timeout: the main thread's deadline terminates this worker if no reply comes.
      Atomics.wait(flag, 0, WAITING);
      const reply = receiveMessageOnPort(port);
      if (reply) return reply.message as HostResult;
      Atomics.store(flag, 0, WAITING); // woken without a message: wait again
    }
  };
}

/**
 * Main side: answers every call from one worker. `signal` gives the abort
 * signal of the tool call in flight. Always replies, even when the handler
 * throws or returns something that cannot be cloned, so the worker never
 * waits for a reply that will not come.
 */
export function serveHostCalls(port: MessagePort, flag: Int32Array, handler: HostHandler, signal: () => AbortSignal | undefined): void {
  port.on('message', (call: HostCall) => {
    void answer(handler, call, signal()).then((result) => {
      try {
        port.postMessage(result);
      } catch (error) {
        port.postMessage({ ok: false, error: `host error: the result could not be sent to the plugin (${describe(error)})` });
      }
      Atomics.store(flag, 0, REPLIED);
      Atomics.notify(flag, 0);
    });
  });
}

async function answer(handler: HostHandler, call: HostCall, signal: AbortSignal | undefined): Promise<HostResult> {
  try {
    const result = await handler(call, signal);
    if (result && typeof result === 'object' && typeof result.ok === 'boolean') return result;
    return { ok: false, error: `host error: ${call.fn} returned no result` };
  } catch (error) {
    return { ok: false, error: `host error: ${describe(error)}` };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
