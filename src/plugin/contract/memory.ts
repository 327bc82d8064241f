/** A stored value with its namespace and optional expiry. */
export interface MemoryEntry<T = unknown> {
  namespace: string;
  key: string;
  value: T;
  createdAt: string;
  /** ISO 8601; the entry is gone after this instant. */
  expiresAt?: string;
}

export interface MemoryStoreOptions {
  /** Time to live in milliseconds. */
  ttlMs?: number;
}

/** Persistent memory of the agent (sessions, journal, notes). */
export interface MemoryBackend {
  store<T>(namespace: string, key: string, value: T, options?: MemoryStoreOptions): Promise<void>;
  retrieve<T>(namespace: string, key: string): Promise<MemoryEntry<T> | undefined>;
  search(namespace: string, query: string, limit?: number): Promise<MemoryEntry[]>;
  delete(namespace: string, key: string): Promise<boolean>;
  namespaces(): Promise<string[]>;
}
