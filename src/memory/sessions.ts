/**
 * Conversations kept in the memory backend (namespace `sessions`), so
 * `weft --continue`, `weft --resume <id>` and `/resume` can pick one up.
 * A session is stored whole after each turn; messages are kept as the
 * agent gave them (provider-neutral), never with keys.
 */
import { randomBytes } from 'node:crypto';
import type { MemoryBackend } from '../plugin/contract/memory.js';

export const SESSIONS_NAMESPACE = 'sessions';
/** Sessions untouched this long are dropped. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface StoredSession<M = unknown> {
  id: string;
  /** The workspace root (or working directory) it ran in: --continue picks up the latest one there. */
  cwd: string;
  createdAt: string;
  updatedAt: string;
  /** The first input, cut to a line: what /resume lists. */
  title: string;
  messages: M[];
}

export interface SessionSummary {
  id: string;
  cwd: string;
  title: string;
  updatedAt: string;
  messages: number;
}

export function newSessionId(now = new Date()): string {
  return `${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
}

export class SessionStore<M = unknown> {
  constructor(private readonly memory: MemoryBackend, private readonly now = () => new Date()) {}

  async save(session: StoredSession<M>): Promise<void> {
    await this.memory.store(SESSIONS_NAMESPACE, session.id, { ...session, updatedAt: this.now().toISOString() }, { ttlMs: SESSION_TTL_MS });
  }

  async load(id: string): Promise<StoredSession<M> | undefined> {
    return (await this.memory.retrieve<StoredSession<M>>(SESSIONS_NAMESPACE, id))?.value;
  }

  /** Newest first; only those of `cwd` when given. */
  async list(cwd?: string, limit = 20): Promise<SessionSummary[]> {
    const all = await this.memory.search(SESSIONS_NAMESPACE, '', Number.MAX_SAFE_INTEGER);
    return all.map((e) => e.value as StoredSession<M>)
      .filter((s) => !cwd || s.cwd === cwd)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
      .slice(0, limit)
      .map((s) => ({ id: s.id, cwd: s.cwd, title: s.title, updatedAt: s.updatedAt, messages: s.messages.length }));
  }

  /** The session `idOrPrefix` names: exact, or the only one starting with it. */
  async find(idOrPrefix: string): Promise<{ session?: StoredSession<M>; candidates: string[] }> {
    const exact = await this.load(idOrPrefix);
    if (exact) return { session: exact, candidates: [exact.id] };
    const ids = (await this.list(undefined, Number.MAX_SAFE_INTEGER)).map((s) => s.id).filter((id) => id.startsWith(idOrPrefix));
    if (ids.length !== 1) return { candidates: ids };
    const session = await this.load(ids[0]!);
    return session ? { session, candidates: ids } : { candidates: [] };
  }
}
