/**
 * Per-plugin rate limits, on the host's injected clock.
 *
 * HTTP uses a sliding window (the last 60 s): no double burst at a window
 * edge, and a request is only admitted if fewer than `limit` were admitted
 * in the preceding minute. Logs use fixed 60 s windows so "N messages were
 * dropped" has a clear window to belong to.
 */
export const MINUTE_MS = 60_000;

export class SlidingWindow {
  private readonly admitted: number[] = [];

  constructor(readonly limit: number, private readonly now: () => number, private readonly windowMs = MINUTE_MS) {}

  /** Admits one event, or refuses it (refusals do not extend the window). */
  take(): boolean {
    const t = this.now();
    while (this.admitted.length > 0 && t - this.admitted[0]! >= this.windowMs) this.admitted.shift();
    if (this.admitted.length >= this.limit) return false;
    this.admitted.push(t);
    return true;
  }
}

export interface DropReport {
  /** Start of the window the drops belong to (epoch ms). */
  start: number;
  dropped: number;
}

export class FixedWindow {
  private start = Number.NEGATIVE_INFINITY;
  private used = 0;
  private dropped = 0;

  constructor(readonly limit: number, private readonly now: () => number, private readonly windowMs = MINUTE_MS) {}

  /**
   * Admits or drops one event. `report` is the previous window's drop count,
   * handed out once when that window is left behind.
   */
  take(): { admitted: boolean; report?: DropReport } {
    const t = this.now();
    let report: DropReport | undefined;
    if (t - this.start >= this.windowMs) {
      report = this.drain();
      this.start = t;
      this.used = 0;
    }
    const admitted = this.used < this.limit;
    if (admitted) this.used += 1;
    else this.dropped += 1;
    return report ? { admitted, report } : { admitted };
  }

  /** The current window's drops, if any, reported once. */
  drain(): DropReport | undefined {
    if (this.dropped === 0) return undefined;
    const report = { start: this.start, dropped: this.dropped };
    this.dropped = 0;
    return report;
  }
}
