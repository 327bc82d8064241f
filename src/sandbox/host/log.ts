/**
 * log: a message for weft's log, attributed to the plugin. A plugin must
 * not be able to drive the user's terminal or flood it, so messages are
 * stripped of escape sequences and control characters (C0 except tab and
 * newline, DEL, C1 incl. the 8-bit CSI 0x9b, and bidi overrides that can
 * reorder what the user reads), capped at 4 KiB of UTF-8 on a code point
 * boundary (an ellipsis marks the cut), and rate limited per plugin.
 * Dropped messages are not audited one by one: one record per window says
 * how many were dropped.
 */
import { CAPS, type HostContext, type LogLevel, type Outcome } from './types.js';
import type { FixedWindow } from './rate-limit.js';

const LEVELS = new Set<LogLevel>(['trace', 'debug', 'info', 'warn', 'error']);

// CSI (ESC [ … final), OSC/DCS/SOS/PM/APC strings (ESC ] … BEL or ESC \), then any other ESC + one char.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]?|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\s\S]?|\x9b[0-?]*[ -/]*[@-~]?/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ELLIPSIS = '…';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Sanitising only removes characters, so 16× the cap is plenty to look at. */
const SCAN_CHARS = CAPS.logMessageBytes * 16;

/** The message as it may reach a terminal. */
export function sanitizeLog(message: string): string {
  return message.replace(LONE_SURROGATE, '\ufffd').replace(ESCAPES, '').replace(CONTROLS, '');
}

/** At most `cap` UTF-8 bytes, cut before a whole code point, with an ellipsis when cut. */
export function capUtf8(text: string, cap: number = CAPS.logMessageBytes, alreadyCut = false): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= cap && !alreadyCut) return text;
  let end = Math.min(bytes.length, cap - Buffer.byteLength(ELLIPSIS));
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1; // never split a multi-byte sequence
  return `${bytes.subarray(0, end).toString('utf8')}${ELLIPSIS}`;
}

export function logMessage(ctx: HostContext, limiter: FixedWindow, level: LogLevel, message: string, report: (r: { start: number; dropped: number }) => void): Outcome {
  const target = `${String(level)}`;
  if (!LEVELS.has(level)) return { result: { ok: true, value: null }, target, allowed: false, reason: `"${String(level).slice(0, 20)}" is not a log level` };
  const taken = limiter.take();
  if (taken.report) report(taken.report);
  const full = typeof message === 'string' ? message : String(message);
  // A guest can pass a huge string; only its start can survive the cap.
  let scan = full.slice(0, SCAN_CHARS);
  if (/[\ud800-\udbff]$/.test(scan)) scan = scan.slice(0, -1);
  const text = capUtf8(sanitizeLog(scan), CAPS.logMessageBytes, scan.length < full.length);
  const size = Buffer.byteLength(text);
  if (!taken.admitted) return { result: { ok: true, value: null }, target: `${level} ${size} bytes`, allowed: false, audit: false };
  try {
    ctx.onLog?.(level, text);
  } catch {
    // A broken log consumer is weft's problem, not the plugin's.
  }
  return { result: { ok: true, value: null }, target: `${level} ${size} bytes`, allowed: true };
}
