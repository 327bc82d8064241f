/** The agent's persistent memory (MemoryBackend): JSON-lines logs under `$CLAWFT_HOME/memory/`. */
export { JsonlMemory, namespaceFile, type JsonlMemoryOptions } from './jsonl.js';
export { SessionStore, newSessionId, SESSIONS_NAMESPACE, SESSION_TTL_MS, type SessionSummary, type StoredSession } from './sessions.js';
