/**
 * Folding of repeated denials: a plugin stuck in a loop of refused calls
 * would otherwise flood the log. Identical denials (same plugin, function,
 * target and reason) within one window become one record with a count.
 * Allowed calls are never folded: each is its own record. Pure: the caller
 * owns the clock and the writing.
 */
import type { AuditEntry } from './types.js';

export interface Folded {
  entry: AuditEntry;
  first: number;
  last: number;
}

export class DenialFolder {
  private readonly pending = new Map<string, Folded>();

  constructor(private readonly windowMs: number) {}

  /**
   * Takes one entry stamped `at`; returns what is ready to be written now:
   * allowed entries at once, and any held denial whose window has closed.
   */
  add(entry: AuditEntry, at: number): Folded[] {
    const out = this.expired(at);
    if (entry.allowed || this.windowMs <= 0) {
      out.push({ entry, first: at, last: at });
      return out;
    }
    const key = JSON.stringify([entry.plugin, entry.fn, entry.target, entry.reason ?? '']);
    const held = this.pending.get(key);
    if (held) {
      held.entry = {
        ...held.entry,
        count: (held.entry.count ?? 1) + (entry.count ?? 1),
        durationMs: held.entry.durationMs + entry.durationMs,
      };
      held.last = Math.max(held.last, at);
    } else {
      this.pending.set(key, { entry: { ...entry }, first: at, last: at });
    }
    return out;
  }

  /** Held denials whose window (from their first call) has ended by `now`. */
  expired(now: number): Folded[] {
    const out: Folded[] = [];
    for (const [key, held] of this.pending) {
      if (now - held.first >= this.windowMs) {
        out.push(held);
        this.pending.delete(key);
      }
    }
    return out;
  }

  /** Everything still held, oldest first; empties the folder. */
  drain(): Folded[] {
    const out = [...this.pending.values()].sort((a, b) => a.first - b.first);
    this.pending.clear();
    return out;
  }

  get size(): number {
    return this.pending.size;
  }
}
