/**
 * The tool list of a snapshot: one entry per tool id. Every active skill is
 * a tool (instruction-only, native, plugin-backed); every plugin tool is one
 * too unless an active skill binds it: then it is exposed once, under the
 * skill (naming rule of the foundation issue).
 */
import path from 'node:path';
import { trustCommand } from '../config/trust.js';
import type { JsonSchema } from '../plugin/json-schema.js';
import { pluginToolId } from '../plugin/naming/index.js';
import type { PluginRecord } from '../sandbox/catalogue/index.js';
import type { IndexedSkill, SkillIndex } from '../skills/discovery/types.js';
import { instructionToolSchema } from '../skills/substitute.js';
import type { RegistryTool, ToolKind, ToolState } from './types.js';

const ANY_OBJECT: JsonSchema = Object.freeze({ type: 'object' });

export interface ToolInputs {
  index: SkillIndex;
  plugins: readonly PluginRecord[];
  /** SKILL.md → version. */
  versions: ReadonlyMap<string, string>;
  /** Skill folders of native-command skills approved as they are now (→ content hash). */
  approvedNative: ReadonlyMap<string, string>;
  /** SKILL.md files whose last good version is kept while the file has errors. */
  kept?: ReadonlySet<string>;
}

type Verdict = { state: ToolState; reason?: string; approveCommand?: string };

function pluginVerdict(record: PluginRecord | undefined, pluginId: string, tool: string): Verdict {
  if (!record) return { state: 'ineligible', reason: `plugin ${pluginId} is not installed (\`weft plugin install <dir>\`)` };
  if (record.state === 'untrusted') return { state: 'untrusted', reason: `plugin ${pluginId} is in an untrusted workspace; run \`${trustCommand(path.dirname(path.dirname(path.dirname(record.dir))))}\`` };
  if (record.state === 'invalid' || !record.manifest) return { state: 'ineligible', reason: `plugin ${pluginId} is refused; see \`weft plugin check ${pluginId}\`` };
  if (!record.manifest.tools.some((t) => t.name === tool)) return { state: 'ineligible', reason: `plugin ${pluginId} has no tool "${tool}"` };
  if (record.state !== 'approved') {
    const what = record.state === 'permissions-widened' ? 'asks for more than you approved' : 'is not approved';
    const approveCommand = `weft plugin approve ${pluginId}`;
    return { state: 'needs-approval', reason: `plugin ${pluginId} ${what}; run \`${approveCommand}\``, approveCommand };
  }
  return { state: 'ready' };
}

function skillTool(entry: IndexedSkill, inputs: ToolInputs, byId: Map<string, PluginRecord>): RegistryTool {
  const { skill } = entry;
  const spec = skill.weftTool;
  const kind: ToolKind = spec?.kind ?? 'instruction';
  let version = inputs.versions.get(skill.file) ?? 'skill:?';
  let inputSchema = instructionToolSchema(skill.argumentHint);
  let verdict: Verdict = { state: 'ready' };
  const source: RegistryTool['source'] = { file: skill.file, level: entry.level, ...(entry.plugin ? { plugin: entry.plugin } : {}) };
  if (spec?.kind === 'native') {
    inputSchema = spec.input;
    if (entry.level !== 'bundled' && !inputs.approvedNative.has(skill.dir)) {
      // An edit voided the approval; while the edit has errors there is nothing to approve yet.
      const approveCommand = `weft skill approve ${skill.name}`;
      verdict = inputs.kept?.has(skill.file)
        ? { state: 'needs-approval', approveCommand, reason: `"${skill.name}" runs a native command and its SKILL.md now has errors (the last good version is listed, but cannot run); fix it (\`weft skill check ${skill.dir}\`), then run \`${approveCommand}\`` }
        : { state: 'needs-approval', approveCommand, reason: `"${skill.name}" runs a native command (${spec.run[0]}) and is not approved as it is now; run \`${approveCommand}\`` };
    }
  } else if (spec?.kind === 'plugin') {
    const record = byId.get(spec.plugin);
    const tool = record?.manifest?.tools.find((t) => t.name === spec.name);
    inputSchema = tool?.input_schema ?? ANY_OBJECT;
    verdict = pluginVerdict(record, spec.plugin, spec.name);
    version = `${version}+${record?.contentHash ?? 'none'}`;
    Object.assign(source, { plugin: spec.plugin, tool: spec.name });
  }
  if (!entry.eligible) verdict = { state: 'ineligible', reason: entry.ineligibleReasons.join('; ') };
  return {
    id: skill.name, kind, origin: 'skill', description: skill.description ?? '', inputSchema, source,
    state: verdict.state, ...(verdict.reason ? { reason: verdict.reason } : {}), ...(verdict.approveCommand ? { approveCommand: verdict.approveCommand } : {}), version,
  };
}

export function buildTools(inputs: ToolInputs): RegistryTool[] {
  const byId = new Map<string, PluginRecord>();
  for (const r of inputs.plugins) if (r.state !== 'invalid' || !byId.has(r.id)) byId.set(r.id, r);
  const tools = new Map<string, RegistryTool>();
  const bound = new Set<string>();
  for (const entry of inputs.index.active.values()) {
    const spec = entry.skill.weftTool;
    if (spec?.kind === 'plugin') bound.add(pluginToolId(spec.plugin, spec.name));
    tools.set(entry.skill.name, skillTool(entry, inputs, byId));
  }
  for (const record of inputs.plugins) {
    if (!record.manifest || record.state === 'invalid' || record.state === 'untrusted') continue;
    for (const t of record.manifest.tools) {
      const id = pluginToolId(record.manifest.id, t.name);
      if (bound.has(id) || tools.has(id)) continue;
      const verdict = pluginVerdict(record, record.manifest.id, t.name);
      tools.set(id, {
        id, kind: 'plugin', origin: 'plugin', description: t.description ?? '', inputSchema: t.input_schema,
        source: { file: record.dir, plugin: record.manifest.id, tool: t.name },
        state: verdict.state, ...(verdict.reason ? { reason: verdict.reason } : {}), ...(verdict.approveCommand ? { approveCommand: verdict.approveCommand } : {}),
        version: record.contentHash ?? 'plugin:?',
      });
    }
  }
  return [...tools.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
