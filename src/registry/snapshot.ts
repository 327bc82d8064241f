/**
 * Publishing a snapshot: numbered and frozen. Freezing is deep over plain
 * objects, arrays and Map/Set contents, and stops at anything already frozen
 * (cached skills and configs are shared by consecutive snapshots, so each is
 * walked once). Binary buffers are never in a snapshot (the bytes stay with
 * the generation), since a non-empty typed array cannot be frozen.
 */
import type { RegistrySnapshot, RegistryTool } from './types.js';

export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  if (value instanceof Map) for (const [k, v] of value) { deepFreeze(k); deepFreeze(v); }
  else if (value instanceof Set) for (const v of value) deepFreeze(v);
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/** The snapshot as published: generation `id`, frozen throughout. */
export function publishSnapshot(snapshot: RegistrySnapshot, id: number): RegistrySnapshot {
  return deepFreeze({ ...snapshot, id });
}

const toolIndex = new WeakMap<RegistrySnapshot, Map<string, RegistryTool>>();

/** The tool with this id in `snapshot`, if any (indexed once per snapshot: calls look tools up on every call). */
export function findTool(snapshot: RegistrySnapshot, id: string): RegistryTool | undefined {
  let index = toolIndex.get(snapshot);
  if (!index) {
    index = new Map(snapshot.tools.map((t) => [t.id, t]));
    toolIndex.set(snapshot, index);
  }
  return index.get(id);
}

/** Config, workspace and slash names are part of what a generation means even when no tool changed. */
export function sameSettings(a: RegistrySnapshot, b: RegistrySnapshot): boolean {
  return JSON.stringify([a.config, a.workspace, [...a.slash]]) === JSON.stringify([b.config, b.workspace, [...b.slash]]);
}
