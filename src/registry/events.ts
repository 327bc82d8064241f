/**
 * Change events, computed by diffing two consecutive snapshots, and the one
 * feed every consumer subscribes to. A skill is keyed by name (the one
 * serving it), a plugin by id, a tool by tool id; "changed" means anything a
 * consumer shows or calls differs (file, level, state, description, schema,
 * version). Diagnostics are one event with the whole new list.
 */
import type { PluginRecord } from '../sandbox/catalogue/index.js';
import type { ChangeKind, RegistryEvent, RegistryListener, RegistrySnapshot } from './types.js';

function keyed(snapshot: RegistrySnapshot | undefined, kind: ChangeKind): Map<string, string> {
  const out = new Map<string, string>();
  if (!snapshot) return out;
  if (kind === 'skill') {
    const versions = new Map(snapshot.tools.map((t) => [t.id, t.version]));
    for (const [name, e] of snapshot.skills.active) out.set(name, `${e.skill.file}\0${e.level}\0${e.eligible}\0${versions.get(name) ?? ''}`);
  } else if (kind === 'plugin') {
    for (const p of snapshot.plugins) if (!out.has(p.id)) out.set(p.id, pluginKey(p));
  } else {
    for (const t of snapshot.tools) out.set(t.id, JSON.stringify(t));
  }
  return out;
}

function pluginKey(p: PluginRecord): string {
  return JSON.stringify([p.dir, p.state, p.contentHash ?? '', p.diff ?? null]);
}

/** What changed from `prev` to `next`, as events stamped with next's generation. */
export function diffSnapshots(prev: RegistrySnapshot | undefined, next: RegistrySnapshot): RegistryEvent[] {
  const generation = next.id;
  const events: RegistryEvent[] = [];
  for (const kind of ['plugin', 'skill', 'tool'] as const) {
    const before = keyed(prev, kind);
    const after = keyed(next, kind);
    for (const [id, key] of after) {
      const old = before.get(id);
      if (old === undefined) events.push({ type: 'added', kind, id, generation });
      else if (old !== key) events.push({ type: 'changed', kind, id, generation });
    }
    for (const id of before.keys()) if (!after.has(id)) events.push({ type: 'removed', kind, id, generation });
  }
  if (JSON.stringify(prev?.diagnostics ?? []) !== JSON.stringify(next.diagnostics)) {
    events.push({ type: 'diagnostics', diagnostics: next.diagnostics, generation });
  }
  return events;
}

/** Listeners, called in order; a throwing listener is isolated from the others and from the registry. */
export class EventFeed {
  private readonly listeners = new Set<RegistryListener>();

  on(listener: RegistryListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  emit(events: readonly RegistryEvent[]): void {
    for (const event of events) {
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch { /* one consumer's bug must not stop the others or the reload */ }
      }
    }
  }

  /**
   * The feed as an async iterator (for `weft skill watch`): events are
   * buffered from the moment of the call until read; it ends when `signal` aborts.
   */
  async *iterate(signal?: AbortSignal): AsyncGenerator<RegistryEvent> {
    const queue: RegistryEvent[] = [];
    let wake: (() => void) | undefined;
    const off = this.on((e) => { queue.push(e); wake?.(); });
    const onAbort = (): void => wake?.();
    signal?.addEventListener('abort', onAbort);
    try {
      while (!signal?.aborted) {
        const next = queue.shift();
        if (next) { yield next; continue; }
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
      }
    } finally {
      off();
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
