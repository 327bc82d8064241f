import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ApprovalsStore } from '../../plugin/approvals/index.js';
import type { AdmissionLimits } from '../admission/index.js';
import { readPlugin } from './read-plugin.js';
import type { PluginFolder, PluginRecord } from './types.js';

/** The plugin folders inside a plugin root (dot-folders are install staging, never plugins). */
export function pluginSubfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => path.join(dir, e.name)).sort();
  } catch {
    return [];
  }
}

/** A plugin of an untrusted workspace: listed by folder name, never read. */
export function untrustedPlugin(dir: string, folder: PluginFolder): PluginRecord {
  return { id: path.basename(dir), dir, scope: folder.scope, state: 'untrusted', diagnostics: [] };
}

/** Decides approval state against the store: the same hash or an empty permission diff keeps an approval. */
export async function withApproval(record: PluginRecord, approvals: ApprovalsStore): Promise<PluginRecord> {
  if (record.state !== 'awaiting-approval' || !record.manifest || !record.contentHash) return record;
  const { manifest } = record;
  const status = await approvals.pluginStatus(manifest.id, {
    contentHash: record.contentHash, version: manifest.version, permissions: manifest.permissions, tools: manifest.tools,
  });
  if (status.approved) return { ...record, state: 'approved' };
  if (status.reason === 'permissions-widened') return { ...record, state: 'permissions-widened', diff: status.diff };
  return record;
}

/**
 * The rules for a plugin read from a plugin root: its folder must be named
 * after its id (install does that), then its approval decides its state.
 */
export async function judgeInstalled(read: PluginRecord, dir: string, approvals: ApprovalsStore): Promise<PluginRecord> {
  const record: PluginRecord = { ...read, diagnostics: [...read.diagnostics] };
  if (record.manifest && path.basename(dir) !== record.manifest.id) {
    record.state = 'invalid';
    record.diagnostics.push({ code: 'plugin-folder-mismatch', severity: 'error', file: dir, field: 'id',
      problem: `the folder is named "${path.basename(dir)}" but the manifest id is "${record.manifest.id}"`,
      fix: 'Install plugins with `weft plugin install <dir>`, which names the folder after the id.' });
  }
  return withApproval(record, approvals);
}

/** The first folder providing an id wins (managed before workspace); later copies are refused. */
export function dedupePlugins(records: PluginRecord[]): PluginRecord[] {
  const seen = new Set<string>();
  return records.map((r) => {
    if (r.state === 'untrusted' || r.state === 'invalid') return r;
    if (!seen.has(r.id)) { seen.add(r.id); return r; }
    return { ...r, state: 'invalid', diagnostics: [...r.diagnostics, { code: 'plugin-duplicate', severity: 'error', file: r.dir,
      field: 'id', problem: `another plugin folder already provides "${r.id}"`, fix: 'Remove one of the two copies.' }] };
  });
}

/**
 * Every plugin in the plugin folders. An untrusted workspace's plugins are
 * listed by folder name and never read; a managed plugin wins over a
 * workspace plugin of the same id (the workspace copy is reported).
 */
export async function scanPlugins(folders: PluginFolder[], approvals: ApprovalsStore, limits: AdmissionLimits): Promise<PluginRecord[]> {
  const records: PluginRecord[] = [];
  for (const folder of folders) {
    for (const dir of pluginSubfolders(folder.dir)) {
      records.push(folder.trusted ? await judgeInstalled(await readPlugin(dir, folder.scope, limits), dir, approvals) : untrustedPlugin(dir, folder));
    }
  }
  return dedupePlugins(records);
}
