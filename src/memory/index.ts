/** The agent's persistent memory (MemoryBackend): JSON-lines logs under `$CLAWFT_HOME/memory/`. */
export { JsonlMemory, namespaceFile, type JsonlMemoryOptions } from './jsonl.js';
