/**
 * One HTTP exchange over a connection to a pinned address. Node's client
 * is given our own `createConnection`, so it never resolves or dials by
 * itself. The response body is read up to the cap and refused beyond it.
 */
import http from 'node:http';
import { CAPS, Refusal, type ConnectFn, type HttpResponse } from './types.js';
import type { Target } from './net-target.js';

export interface Exchange {
  method: string;
  target: Target;
  address: string;
  family: 4 | 6;
  headers: Array<[string, string]>;
  body: Uint8Array;
  signal: AbortSignal;
  connect: ConnectFn;
}

const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

export function exchange(x: Exchange): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    if (x.signal.aborted) return reject(x.signal.reason);
    const { url, hostname, port, tls, literal } = x.target;
    // Host is always the URL's host: a plugin cannot aim a request at one
    // allowed address while naming another virtual host.
    const flat = ['Host', url.host];
    for (const [name, value] of x.headers) flat.push(name, value);
    if (x.body.byteLength > 0 || !BODYLESS.has(x.method)) flat.push('Content-Length', String(x.body.byteLength));
    flat.push('Connection', 'close');
    let request: http.ClientRequest;
    try {
      request = http.request({
        method: x.method,
        path: `${url.pathname}${url.search}`,
        headers: flat,
        setHost: false,
        signal: x.signal,
        createConnection: () => x.connect({
          address: x.address, family: x.family, port, tls, hostname, ...(literal ? {} : { servername: hostname }),
        }),
      });
    } catch (error) {
      return reject(error);
    }
    request.on('error', reject);
    request.on('response', (response) => {
      const fail = (error: Error) => {
        request.destroy();
        reject(error);
      };
      const tooBig = () => new Refusal(`the response body is over the ${CAPS.responseBody / 1024 / 1024} MiB limit`);
      if (Number(response.headers['content-length']) > CAPS.responseBody) return fail(tooBig());
      const chunks: Buffer[] = [];
      let total = 0;
      response.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > CAPS.responseBody) return fail(tooBig());
        chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail(new Refusal('the connection closed before the response was complete'));
      });
      response.on('end', () => {
        const headers: Array<[string, string]> = [];
        for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) headers.push([response.rawHeaders[i]!, response.rawHeaders[i + 1]!]);
        resolve({ status: response.statusCode ?? 0, headers, body: new Uint8Array(Buffer.concat(chunks, total)) });
      });
    });
    request.end(x.body.byteLength > 0 ? Buffer.from(x.body.buffer, x.body.byteOffset, x.body.byteLength) : undefined);
  });
}
