/**
 * Small pieces of http-request: request header rules, the audit form of a
 * URL, and error messages a plugin author can act on (never Node's raw
 * text, which can name internal addresses).
 */
import { CAPS, Refusal } from './types.js';
import type { Target } from './net-target.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Latin-1 without control characters except tab: no CR/LF header injection. */
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Set by weft itself; a plugin's own value is dropped. */
const OURS = new Set(['host', 'content-length', 'connection']);
/** Would change how the message is framed or routed: refused. */
const FRAMING = new Set(['transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'keep-alive']);

export function checkRequestHeaders(headers: unknown): { ok: true; value: Array<[string, string]> } | { ok: false; reason: string } {
  if (!Array.isArray(headers)) return { ok: false, reason: 'headers must be a list of (name, value) pairs' };
  if (headers.length > CAPS.requestHeaders) return { ok: false, reason: `more than ${CAPS.requestHeaders} headers` };
  const out: Array<[string, string]> = [];
  let size = 0;
  for (const pair of headers as unknown[]) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') return { ok: false, reason: 'headers must be a list of (name, value) pairs' };
    const [name, value] = pair as [string, string];
    const lower = name.toLowerCase();
    if (!TOKEN.test(name)) return { ok: false, reason: `"${name.slice(0, 40)}" is not a valid header name` };
    if (!VALUE.test(value)) return { ok: false, reason: `the value of header "${name}" contains control or non-Latin-1 characters` };
    if (FRAMING.has(lower) || lower.startsWith('proxy-')) return { ok: false, reason: `the header "${name}" is refused; weft frames and routes the request itself` };
    size += name.length + value.length + 4;
    if (size > CAPS.requestHeaderBytes) return { ok: false, reason: `headers are over ${CAPS.requestHeaderBytes / 1024} KiB` };
    if (!OURS.has(lower)) out.push([name, value]);
  }
  return { ok: true, value: out };
}

const SECRET_PARAM = /key|token|secret|pass|auth|sig|session|credential|code/i;

/**
 * A path segment that looks like a credential: long, mixing letters and
 * digits, from a token alphabet (Telegram's `bot123456:AAE…`, webhook keys,
 * API keys in paths). Words, ids and short numbers stay readable.
 */
function secretSegment(segment: string): boolean {
  const s = decodeURIComponent(segment.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  return s.length >= 20 && /^[A-Za-z0-9_:.~+=-]+$/.test(s) && /[0-9]/.test(s) && /[A-Za-z]/.test(s);
}

/** The URL for the audit log: kept whole, but secret-looking query values and path segments are redacted. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.slice(0, 2048);
  }
  url.username = '';
  url.password = '';
  for (const name of new Set(url.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, 'REDACTED');
  }
  url.pathname = url.pathname.split('/').map((seg) => (secretSegment(seg) ? 'REDACTED' : seg)).join('/');
  return url.href.slice(0, 2048);
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS|SSL/;

export function httpErrorReason(error: unknown, signal: AbortSignal, timeout: AbortSignal, timeoutMs: number, hop: Target): string {
  if (error instanceof Refusal) return error.message;
  if (signal.aborted) return timeout.aborted ? `timed out after ${timeoutMs / 1000} s` : 'aborted by the caller';
  const code = String((error as NodeJS.ErrnoException | undefined)?.code ?? '');
  const where = `${hop.hostname}:${hop.port}`;
  if (code === 'ECONNREFUSED') return `the connection to ${where} was refused`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `the connection to ${where} was reset`;
  if (code === 'ETIMEDOUT') return `connecting to ${where} timed out`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${where} is unreachable`;
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) return `the TLS handshake with ${where} failed (is it really https?)`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the TLS certificate is not valid for ${hop.hostname}`;
  if (TLS_CODES.test(code)) return `the TLS certificate of ${hop.hostname} could not be verified (${code})`;
  if (code.startsWith('HPE_')) return `${where} sent an invalid HTTP response`;
  if (code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') return 'a header is not valid';
  return `the request to ${where} failed (${code || 'connection error'})`;
}
