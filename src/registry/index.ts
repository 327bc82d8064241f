/** The live registry: generations of snapshots (atomic swap, drain), the watcher, change events. */
export { LiveRegistry, type LiveRegistryOptions, type RegistryCallOptions, type RegistryStats } from './registry.js';
export type { Lease } from './generation.js';
export { callTool, type CallOptions, type NativeRunner, type RegistryCallResult } from './call.js';
export { diffSnapshots } from './events.js';
export { findTool } from './snapshot.js';
export { debounceSettings, DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_WAIT_MS, MAX_DEBOUNCE_MS, MAX_MAX_WAIT_MS, type DebounceOptions } from './debounce.js';
export type { ChangeKind, RegistryEvent, RegistryListener, RegistrySnapshot, RegistryTool, ToolKind, ToolState } from './types.js';
export { grant, pendingApproval, revokeGrant, type GrantableApproval, type PendingApproval } from './grant.js';
