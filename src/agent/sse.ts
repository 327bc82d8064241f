/**
 * Server-sent events from a fetch body: `data:` lines joined per event,
 * events split at a blank line, CRLF or LF; an event cut off by the end of
 * the stream is dropped (the SSE rule); a cancelled stream just ends. Used by both providers'
 * streaming transports.
 */
import { ProviderError } from './transport/types.js';

export interface SseEvent {
  event?: string;
  data: string;
}

/** One read, or a network error once nothing has come for `idleMs` (the reader is cancelled). */
async function readOrIdle(reader: ReadableStreamDefaultReader<Uint8Array>, idleMs: number | undefined): ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]> {
  if (!idleMs) return reader.read();
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      // reject first: cancelling settles the pending read (as done), and the race must see the timeout
      reject(new ProviderError(`the provider sent nothing for ${Math.round(idleMs / 1000)} s (agent.idleTimeoutMs)`, undefined, 'network'));
      void reader.cancel().catch(() => undefined);
    }, idleMs);
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}

export async function* readSse(body: ReadableStream<Uint8Array>, signal?: AbortSignal, idleMs?: number): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event: string | undefined;
  let data: string[] = [];
  const onAbort = (): void => { void reader.cancel().catch(() => undefined); };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await readOrIdle(reader, idleMs);
      } catch (error) {
        if (signal?.aborted) return; // cancelled: the stream ends quietly, the caller knows why
        if (error instanceof ProviderError) throw error;
        // A reset socket surfaces as undici's TypeError("terminated"): a provider failure, not a bug.
        throw new ProviderError(`the connection dropped mid-stream (${(error as Error).message})`, undefined, 'network');
      }
      const { value, done } = chunk;
      if (signal?.aborted) return;
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let at: number;
      while ((at = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + (buffer[at] === '\r' ? 2 : 1));
        if (line === '') {
          if (data.length > 0) yield { ...(event ? { event } : {}), data: data.join('\n') };
          event = undefined;
          data = [];
        } else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        else if (line.startsWith('event:')) event = line.slice(6).trim();
        // comments (`:`) and other fields are ignored, as the spec says
      }
      if (done) return; // an event not ended by a blank line is dropped, as the SSE spec says
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}
