/** The plugin runtime: transpile + cache, the tools check, workers with fuel, memory and time limits. */
export { componentHash, lookup as lookupCache, type CacheEntry, type CacheMeta } from './cache.js';
export { PluginLoadError, type PluginLoadErrorCode } from './errors.js';
export type { HostCall, HostHandler, HostResult, HttpResponse, LogLevel } from './host-bridge-types.js';
export { loadPlugin, type LoadOptions } from './load.js';
export { PluginInstance } from './plugin.js';
export { WorkerPool } from './pool.js';
export type { GuestToolInfo } from './protocol.js';
export { PluginRuntime, type RuntimeOptions } from './runtime.js';
export { compareTools, verifyTools, type ToolDifference, type ToolsCheck } from './tools-check.js';
export type { CallOptions, CallOutcome, RuntimeEvent, VerifiedTool } from './types.js';
