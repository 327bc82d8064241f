/**
 * When to try a provider request again: 429 and 5xx (and a network error),
 * with exponential backoff and jitter, honouring `retry-after` (seconds or
 * an HTTP date) up to a ceiling. Never 4xx other than 429: those are the
 * request's fault, and trying again would only repeat it.
 */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 500, maxMs: 60_000 };

export function retryable(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1). */
export function retryDelay(attempt: number, retryAfter: string | null, policy: RetryPolicy = DEFAULT_RETRY, now = Date.now(), random = Math.random): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, policy.maxMs);
  }
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
