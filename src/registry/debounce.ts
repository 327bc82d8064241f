/**
 * Debounce with a max-wait, for file events. A burst (an editor's temp +
 * rename, a `git checkout`, 50 writes in 50 ms) becomes one flush after
 * `debounceMs` of quiet; a stream that never goes quiet (writes every 20 ms
 * for 5 s) still flushes within `maxWaitMs` of its first event. The max-wait
 * deadline is brought forward by the expected rebuild time and a slack
 * (10 %, for the file event's own delivery and timer lateness), so the
 * change *event*, not just the flush, lands within max-wait of the first write.
 */
export interface DebounceOptions {
  /**
   * Quiet time before a flush; at most 100 ms (default 60: just over
   * chokidar's 50 ms per-path change throttle, so a quiet flush never needs
   * the watcher's re-check).
   */
  debounceMs?: number;
  /** Longest a pending change waits; at most 1000 ms (default 500). */
  maxWaitMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 60;
export const DEFAULT_MAX_WAIT_MS = 500;
export const MAX_DEBOUNCE_MS = 100;
export const MAX_MAX_WAIT_MS = 1000;

/** The options with defaults filled in; a value out of range is a RangeError naming it and the allowed range. */
export function debounceSettings(options: DebounceOptions = {}): Required<DebounceOptions> {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  if (!(debounceMs >= 0 && debounceMs <= MAX_DEBOUNCE_MS)) throw new RangeError(`debounceMs is ${debounceMs}; it must be 0 to ${MAX_DEBOUNCE_MS} ms`);
  if (!(maxWaitMs >= debounceMs && maxWaitMs <= MAX_MAX_WAIT_MS)) throw new RangeError(`maxWaitMs is ${maxWaitMs}; it must be ${debounceMs} (debounceMs) to ${MAX_MAX_WAIT_MS} ms`);
  return { debounceMs, maxWaitMs };
}

export class Debouncer<T> {
  private readonly settings: Required<DebounceOptions>;
  private pending = new Set<T>();
  private first: number | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** `lead()`: how long the work after a flush is expected to take (ms). */
  constructor(options: DebounceOptions, private readonly flush: (items: T[]) => void, private readonly lead: () => number = () => 0) {
    this.settings = debounceSettings(options);
  }

  push(item: T): void {
    const now = performance.now();
    this.pending.add(item);
    this.first ??= now;
    const { debounceMs, maxWaitMs } = this.settings;
    const lead = Math.min(Math.max(this.lead(), 0), maxWaitMs / 2) + maxWaitMs * 0.1;
    const due = Math.min(now + debounceMs, this.first + maxWaitMs - lead);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), Math.max(0, due - now));
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    [this.timer, this.first] = [undefined, undefined];
    this.pending.clear();
  }

  private fire(): void {
    const items = [...this.pending];
    this.cancel();
    if (items.length > 0) this.flush(items);
  }
}
