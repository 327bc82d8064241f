/**
 * The file watcher behind live reload: one chokidar instance over every
 * target (targets.ts), events debounced (debounce.ts) into batches of
 * changed paths. No awaitWriteFinish: its 2 s default would eat the whole
 * latency budget, and a half-written SKILL.md is harmless (a broken edit
 * keeps the last good version; the write's final event reloads again).
 * chokidar's `atomic` (on by default) folds an editor's delete + re-create
 * into one change.
 *
 * chokidar drops (does not delay) a second 'change' of one path within
 * 50 ms of the first. A flush that comes less than that after a path's last
 * change event (a max-wait flush mid-stream, or a debounce under 50 ms) may
 * therefore have missed a write, so that path is pushed again once the
 * window is over: at most one extra, usually empty, rebuild.
 */
import type { FSWatcher } from 'chokidar';
import { Debouncer, debounceSettings, type DebounceOptions } from './debounce.js';
import { within } from './signature.js';
import { isIgnored, watchRoots, type WatchTargets } from './targets.js';

export interface WatcherOptions extends DebounceOptions {
  /** Called with the changed paths of one batch. */
  onChange: (paths: string[]) => void;
  /** Expected rebuild time (ms), to bring the max-wait deadline forward. */
  lead?: () => number;
  onError?: (error: unknown) => void;
}

/** A safety net under the per-target depth the filter enforces. */
const CHOKIDAR_DEPTH = 16;
/** When to look again at a root added while running (ms after the add). */
const ADDED_ROOT_RECHECK_MS = [250, 1000];
/** chokidar's per-path 'change' throttle (index.js `_throttle(EV.CHANGE, path, 50)`). */
const CHANGE_THROTTLE_MS = 50;

export class RegistryWatcher {
  private targets: WatchTargets = { dirs: [], files: [] };
  private readonly watched = new Set<string>();
  private readonly debouncer: Debouncer<string>;
  private fsw: FSWatcher | undefined;
  private readonly lastChange = new Map<string, number>();
  private readonly rechecks = new Set<NodeJS.Timeout>();

  constructor(private readonly options: WatcherOptions) {
    this.debouncer = new Debouncer(options, (paths) => this.flush(paths), options.lead);
  }

  /** Starts watching `targets`; resolves once chokidar has its initial scan done. */
  async start(targets: WatchTargets): Promise<void> {
    this.targets = targets;
    const roots = watchRoots(targets);
    roots.forEach((r) => this.watched.add(r));
    const { watch } = await import('chokidar'); // loaded when needed: one-shot commands never watch
    this.fsw = watch(roots, {
      ignoreInitial: true, depth: CHOKIDAR_DEPTH, followSymlinks: true,
      ignored: (p: string) => isIgnored(p, this.targets),
    });
    this.fsw.on('all', (event, p) => {
      if (isIgnored(p, this.targets)) return;
      if (event === 'change') this.lastChange.set(p, performance.now());
      this.debouncer.push(p);
    });
    this.fsw.on('error', (error) => this.options.onError?.(error));
    await new Promise<void>((resolve) => this.fsw!.once('ready', () => resolve()));
  }

  /**
   * New targets after a reload (extraDirs edited, a plugin's skills, a root
   * that now exists and can be watched directly). A root no longer needed
   * (a dir removed from config, a plugin gone) is unwatched, unless it
   * overlaps a root still watched: chokidar's unwatch ignores the whole
   * subtree, which would silence the root inside it. The filter reads the
   * current targets either way, so nothing stale reaches a reload.
   */
  update(targets: WatchTargets): void {
    this.targets = targets;
    const roots = watchRoots(targets);
    const fresh = roots.filter((r) => !this.watched.has(r));
    const stale = [...this.watched].filter((w) => !roots.includes(w) && !roots.some((r) => within(w, r) || within(r, w)));
    fresh.forEach((r) => this.watched.add(r));
    stale.forEach((r) => this.watched.delete(r));
    if (stale.length > 0) this.fsw?.unwatch(stale);
    if (fresh.length > 0 && this.fsw) {
      this.fsw.add(fresh);
      // chokidar scans an added root without reporting what it finds (ignoreInitial), and
      // says nothing when the scan is done: a file created meanwhile would go unseen. Look
      // again once the scan has surely finished, then once more for a slow disk.
      for (const ms of ADDED_ROOT_RECHECK_MS) {
        const timer = setTimeout(() => { this.rechecks.delete(timer); for (const root of fresh) this.debouncer.push(root); }, ms);
        this.rechecks.add(timer);
      }
    }
  }

  private flush(paths: string[]): void {
    const now = performance.now();
    const recent = paths.filter((p) => now - (this.lastChange.get(p) ?? -Infinity) < CHANGE_THROTTLE_MS);
    for (const p of paths) if (!recent.includes(p)) this.lastChange.delete(p);
    if (recent.length > 0) {
      const timer = setTimeout(() => {
        this.rechecks.delete(timer);
        for (const p of recent) { this.lastChange.delete(p); this.debouncer.push(p); }
      }, CHANGE_THROTTLE_MS + 10);
      this.rechecks.add(timer);
    }
    this.options.onChange(paths);
  }

  get settings(): { debounceMs: number; maxWaitMs: number } {
    return debounceSettings(this.options);
  }

  /** Paths chokidar was asked to watch (for tests and `weft skill watch --json` diagnostics). */
  get roots(): string[] {
    return [...this.watched].sort();
  }

  async close(): Promise<void> {
    this.debouncer.cancel();
    this.rechecks.forEach(clearTimeout);
    this.rechecks.clear();
    await this.fsw?.close();
    this.fsw = undefined;
  }
}
