/**
 * http-request: validates the request, applies the rate limit, then walks
 * the hops. Each hop (the first URL and every redirect) is checked anew:
 * scheme, allowlist, one lookup, every address; the connection goes to the
 * address checked. At most 5 redirects; one timeout and the caller's
 * AbortSignal cover the whole call.
 *
 * Decisions: a call counts once against max_http_requests_per_minute
 * (redirect hops do not), counted once the URL passes the allowlist and
 * before any lookup, whether or not a later check refuses it.
 * 303, and 301/302 after a POST, become a bodiless GET; 307/308 keep method
 * and body. Authorization, Cookie and Proxy-Authorization are dropped when
 * a redirect leaves the origin.
 */
import { exchange } from './net-hop.js';
import { checkUrl, resolveTarget } from './net-target.js';
import { defaultConnect } from './net-connect.js';
import { checkRequestHeaders, httpErrorReason, redactUrl } from './net-util.js';
import type { SlidingWindow } from './rate-limit.js';
import { allow, CAPS, deny, Refusal, type HostContext, type Outcome } from './types.js';

type HttpCall = { method: string; url: string; headers: Array<[string, string]>; body: Uint8Array };

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIALS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export async function httpRequest(ctx: HostContext, limiter: SlidingWindow, call: HttpCall, callSignal?: AbortSignal): Promise<Outcome> {
  const target = redactUrl(String(call.url));
  const method = String(call.method).toUpperCase();
  if (!METHODS.has(method)) return deny(target, `the method "${call.method}" is refused; use one of ${[...METHODS].join(', ')}`);
  if (!(call.body instanceof Uint8Array)) return deny(target, 'the body must be bytes');
  if (call.body.byteLength > CAPS.requestBody) return deny(target, `the request body is over the ${CAPS.requestBody / 1024 / 1024} MiB limit`);
  const checkedHeaders = checkRequestHeaders(call.headers);
  if (!checkedHeaders.ok) return deny(target, checkedHeaders.reason);
  const first = checkUrl(ctx, call.url);
  if (!first.ok) return deny(target, first.reason);
  if (!limiter.take()) return deny(target, `over the limit of ${limiter.limit} HTTP requests per minute`);

  const timeoutMs = ctx.httpTimeoutMs ?? CAPS.httpTimeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = callSignal ? AbortSignal.any([callSignal, timeout]) : timeout;
  let hop = first.value;
  let headers = checkedHeaders.value;
  let body = call.body;
  let verb = method;
  try {
    for (let redirects = 0; ; redirects += 1) {
      const resolved = await resolveTarget(ctx, hop);
      if (signal.aborted) throw signal.reason;
      if (!resolved.ok) throw new Refusal(redirects === 0 ? resolved.reason : `redirect to ${redactUrl(hop.url.href)} refused: ${resolved.reason}`);
      const response = await exchange({
        method: verb, target: hop, ...resolved.value, headers, body, signal, connect: ctx.connect ?? defaultConnect,
      });
      const location = response.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
      if (!REDIRECTS.has(response.status) || location === undefined) {
        return allow(target, response, redirects > 0 ? `after ${redirects} redirect(s)` : undefined);
      }
      if (redirects >= CAPS.redirects) throw new Refusal(`more than ${CAPS.redirects} redirects`);
      let nextUrl: URL;
      try {
        nextUrl = new URL(location, hop.url);
      } catch {
        throw new Refusal('a redirect gave an invalid Location');
      }
      const next = checkUrl(ctx, nextUrl);
      if (!next.ok) throw new Refusal(`redirect to ${redactUrl(nextUrl.href)} refused: ${next.reason}`);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && verb === 'POST')) {
        verb = verb === 'HEAD' ? 'HEAD' : 'GET';
        body = new Uint8Array(0);
        headers = headers.filter(([name]) => !/^content-/i.test(name));
      }
      if (next.value.url.origin !== hop.url.origin) headers = headers.filter(([name]) => !CREDENTIALS.has(name.toLowerCase()));
      hop = next.value;
    }
  } catch (error) {
    return deny(target, httpErrorReason(error, signal, timeout, timeoutMs, hop));
  }
}
