import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { retryable, retryDelay } from '../../src/agent/retry.js';
import { readSse } from '../../src/agent/sse.js';
import { ProviderError } from '../../src/agent/transport/types.js';

function stream(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({ start(c) { for (const ch of chunks) c.enqueue(enc.encode(ch)); c.close(); } });
}

async function collect(body: ReadableStream<Uint8Array>, signal?: AbortSignal) {
  const out = [];
  for await (const e of readSse(body, signal)) out.push(e);
  return out;
}

describe('readSse', () => {
  it('a stream silent past the idle limit fails as a network error; keep-alive comments count as life', async () => {
    const enc = new TextEncoder();
    let pulse: NodeJS.Timeout | undefined;
    const lively = new ReadableStream<Uint8Array>({
      start(c) {
        let n = 0;
        pulse = setInterval(() => { n++; c.enqueue(enc.encode(n < 6 ? ': ping\n\n' : 'data: done\n\n')); if (n === 6) { clearInterval(pulse); c.close(); } }, 40);
      },
    });
    expect(await (async () => { const out = []; for await (const e of readSse(lively, undefined, 150)) out.push(e); return out; })()).toEqual([{ data: 'done' }]);
    const silent = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(enc.encode('data: first\n\n')); } }); // then nothing, never closed
    const started = Date.now();
    const seen: string[] = [];
    const error = await (async () => { for await (const e of readSse(silent, undefined, 200)) seen.push(e.data); })().catch((e: unknown) => e);
    expect(seen).toEqual(['first']);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('network');
    expect((error as Error).message).toContain('agent.idleTimeoutMs');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('joins data lines per event, splits on blank lines across chunk boundaries, CRLF or LF, ignores comments', async () => {
    const events = await collect(stream(['data: {"a":', '1}\n\n: keep-alive\n\nevent: message_start\r\ndata: x\r\ndata: y\r\n\r\n', 'data: [DONE]\n\n', 'data: tail']));
    expect(events).toEqual([{ data: '{"a":1}' }, { event: 'message_start', data: 'x\ny' }, { data: '[DONE]' }]); // 'tail' never ended: dropped
    const bytes = new TextEncoder().encode('data: café\n\n');
    const at = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    const split = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes.slice(0, at)); c.enqueue(bytes.slice(at)); c.close(); } });
    expect(await collect(split)).toEqual([{ data: 'café' }]);
  });

  it('a real response from a server on 127.0.0.1, cancelled mid-stream by the signal', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      const timer = setInterval(() => res.write('data: more\n\n'), 20);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const abort = new AbortController();
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { signal: abort.signal });
      const seen: string[] = [];
      for await (const e of readSse(res.body!, abort.signal)) {
        seen.push(e.data);
        if (seen.length === 3) abort.abort();
      }
      expect(seen).toEqual(['one', 'more', 'more']);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('retry policy', () => {
  it('retries 429 and 5xx only; honours retry-after in seconds or as a date, capped; backs off with jitter otherwise', () => {
    expect([429, 500, 503, 599].every(retryable)).toBe(true);
    expect([400, 401, 403, 404, 422].some(retryable)).toBe(false);
    expect(retryDelay(1, '2')).toBe(2000);
    expect(retryDelay(1, new Date(Date.parse('2026-11-25T12:00:05Z')).toUTCString(), undefined, Date.parse('2026-11-25T12:00:00Z'))).toBe(5000);
    expect(retryDelay(1, '3600')).toBe(60_000);
    expect(retryDelay(1, null, undefined, 0, () => 0)).toBe(250);
    expect(retryDelay(3, null, undefined, 0, () => 1)).toBe(2000);
    expect(retryDelay(10, 'garbage', undefined, 0, () => 1)).toBe(60_000);
  });
});
