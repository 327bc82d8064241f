/**
 * The one POST both provider transports make: JSON in, a streaming Response
 * out. Retries 429 (honouring retry-after), 5xx and network errors under the
 * retry policy; a 401/403 names the key's variable (never the key); any other
 * refusal carries the provider's own error message, read from its JSON body
 * (OpenAI `{error:{message}}`, Anthropic `{type:'error', error:{type, message}}`).
 */
import { retryable, retryDelay, type RetryPolicy } from '../retry.js';
import { ProviderError, type ProviderEndpoint } from './types.js';

/** Waits between attempts; the signal lets a cancelled request stop waiting. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface JsonPost {
  url: string;
  body: unknown;
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** How long to wait for the response to begin; a server that accepts and never answers has failed (not retried). */
  timeoutMs?: number;
}

/** The default Sleep: a timer that ends early when the request is cancelled (a long retry-after must not outlive Ctrl-C). */
export const sleepUnlessAborted: Sleep = (ms, signal) => new Promise<void>((resolve) => {
  if (signal?.aborted) { resolve(); return; }
  const finish = (): void => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', finish);
    resolve();
  };
  const timer = setTimeout(finish, ms);
  signal?.addEventListener('abort', finish, { once: true });
});

/** The provider's message from an error body, or the raw text (trimmed) when it is not a known JSON shape. */
export function providerMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const error = body.error;
    if (typeof error === 'string') return error; // Ollama and some proxies: {"error": "..."}
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, 500);
}

function withoutKey(text: string, key: string | undefined): string {
  return key ? text.split(key).join('***') : text;
}

function networkReason(error: unknown): string {
  const e = error as Error & { cause?: { message?: string } };
  return e.cause?.message ? `${e.message} (${e.cause.message})` : e.message;
}

export async function postWithRetries(endpoint: ProviderEndpoint, post: JsonPost, policy: RetryPolicy, sleep: Sleep): Promise<Response> {
  const doFetch = endpoint.fetch ?? fetch;
  const body = JSON.stringify(post.body);
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    // Only the wait for the response is timed here (the stream's silences are readSse's): the timer ends once it begins.
    const timeout = post.timeoutMs ? new AbortController() : undefined;
    const timer = timeout && setTimeout(() => timeout.abort(), post.timeoutMs);
    const signal = timeout && post.signal ? AbortSignal.any([post.signal, timeout.signal]) : timeout?.signal ?? post.signal;
    try {
      res = await doFetch(post.url, { method: 'POST', body, headers: post.headers, ...(signal ? { signal } : {}) });
    } catch (error) {
      if (post.signal?.aborted) throw error; // cancelled: the caller knows why
      if (timeout?.signal.aborted) throw new ProviderError(`${endpoint.baseUrl} did not answer within ${Math.round(post.timeoutMs! / 1000)} s (agent.idleTimeoutMs)`, undefined, 'network');
      if (attempt >= policy.attempts) throw new ProviderError(`could not reach ${endpoint.baseUrl}: ${networkReason(error)}`, undefined, 'network');
      await sleep(retryDelay(attempt, null, policy), post.signal);
      continue;
    } finally {
      clearTimeout(timer);
    }
    if (res.ok) return res;
    const detail = withoutKey(providerMessage(await res.text().catch(() => '')), endpoint.apiKey);
    if (retryable(res.status) && attempt < policy.attempts) {
      await sleep(retryDelay(attempt, res.headers.get('retry-after'), policy), post.signal);
      continue;
    }
    if (res.status === 401 || res.status === 403) {
      const where = endpoint.apiKeyEnv ? `the variable ${endpoint.apiKeyEnv}` : 'the provider\'s apiKeyEnv in config';
      throw new ProviderError(`${endpoint.baseUrl} refused the key (HTTP ${res.status}${detail ? `: ${detail}` : ''}); check ${where}`, res.status, 'auth');
    }
    throw new ProviderError(`${endpoint.baseUrl} answered HTTP ${res.status}: ${detail}`, res.status, retryable(res.status) ? 'unavailable' : 'rejected');
  }
}

/** A JSON answer where a stream was asked for. */
export function isJson(res: Response): boolean {
  return (res.headers.get('content-type') ?? '').includes('application/json');
}
