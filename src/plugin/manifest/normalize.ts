/**
 * The one factory: raw parsed data in, a normalised PluginManifest out, with
 * every default filled explicitly and every impossible combination
 * rejected. Unknown fields warn (`unknown-field`) and are dropped.
 */
import { hasErrors, type Diagnostic } from '../diagnostic.js';
import { normalizePermissions } from './normalize-permissions.js';
import { normalizeResources } from './normalize-resources.js';
import { normalizeTools } from './normalize-tools.js';
import { readCapabilities, readId, readPluginPath, readSkills, readText, readVersion } from './normalize-fields.js';
import { isPlainObject, ManifestReport, show, warnUnknownKeys } from './report.js';
import type { PluginManifest } from './types.js';

export interface ManifestResult {
  /** Present iff there are no error diagnostics. */
  manifest?: PluginManifest;
  diagnostics: Diagnostic[];
}

/** `$schema` is accepted (editors use it to find the JSON Schema) and dropped. */
export const MANIFEST_KEYS = [
  '$schema', 'id', 'name', 'version', 'description', 'capabilities',
  'permissions', 'resources', 'wasm_module', 'skills', 'tools',
] as const;

export function normalizeManifest(raw: unknown, file: string): ManifestResult {
  const report = new ManifestReport(file);
  if (!isPlainObject(raw)) {
    report.error(undefined, `The manifest is ${raw === null ? 'empty' : show(raw)}; it must be an object.`, 'Write an object with at least id, name, version and capabilities.');
    return { diagnostics: report.diagnostics };
  }
  warnUnknownKeys(report, raw, MANIFEST_KEYS, '');
  if (raw.$schema !== undefined && typeof raw.$schema !== 'string') {
    report.error('$schema', `$schema is ${show(raw.$schema)}; it must be a string (the schema's URL or path).`, 'Write it in quotes, or leave it out.');
  }
  // Read in the documented field order, so diagnostics come out in a stable, readable order.
  const id = readId(report, raw.id);
  const name = readText(report, raw.name, 'name', true) ?? '';
  const version = readVersion(report, raw.version);
  const description = readText(report, raw.description, 'description', false);
  const capabilities = readCapabilities(report, raw.capabilities);
  const permissions = normalizePermissions(report, raw.permissions);
  const resources = normalizeResources(report, raw.resources);
  const wasmModule = raw.wasm_module === undefined ? undefined : readPluginPath(report, raw.wasm_module, 'wasm_module');
  const skills = readSkills(report, raw.skills);
  const tools = normalizeTools(report, raw.tools);
  const manifest: PluginManifest = {
    id, name, version,
    ...(description === undefined ? {} : { description }),
    capabilities, permissions, resources,
    ...(wasmModule === undefined ? {} : { wasm_module: wasmModule }),
    skills, tools,
  };
  checkCombinations(report, manifest, raw);
  return hasErrors(report.diagnostics) ? { diagnostics: report.diagnostics } : { manifest, diagnostics: report.diagnostics };
}

/** What the capabilities require, and what only makes sense with a capability. */
function checkCombinations(report: ManifestReport, m: PluginManifest, raw: Record<string, unknown>): void {
  const has = (c: 'tool' | 'skill') => m.capabilities.includes(c);
  // Without a readable list of capabilities, only that is reported.
  if (m.capabilities.length === 0) return;
  if (has('tool')) {
    if (isEmptyList(raw.tools)) {
      report.error('tools', `tools is ${show(raw.tools)}; a plugin with capability "tool" must declare at least one tool (the user approves each).`, 'List each tool under tools with its name and input_schema, or remove "tool" from capabilities.');
    }
    if (raw.wasm_module === undefined) {
      report.error('wasm_module', 'wasm_module is missing; a plugin with capability "tool" must name its WebAssembly component.', 'Set wasm_module to the .wasm file, relative to the plugin folder, e.g. "plugin.wasm".');
    }
  } else if (Array.isArray(raw.tools) && raw.tools.length > 0) {
    report.error('tools', `tools lists ${raw.tools.length} tool(s) but capabilities does not include "tool", so they could never be called.`, 'Add "tool" to capabilities, or remove tools.');
  }
  if (has('skill')) {
    if (isEmptyList(raw.skills)) {
      report.error('skills', `skills is ${show(raw.skills)}; a plugin with capability "skill" must list at least one skill folder.`, 'List the skill folders the plugin ships, relative to the plugin folder, e.g. ["skills/report"], or remove "skill" from capabilities.');
    }
  } else {
    if (Array.isArray(raw.skills) && raw.skills.length > 0) {
      report.error('skills', `skills lists ${raw.skills.length} folder(s) but capabilities does not include "skill", so they would never be loaded.`, 'Add "skill" to capabilities, or remove skills.');
    }
    // `shell` applies only to native-command skills a plugin ships.
    if (m.permissions.shell) {
      report.error('permissions.shell', 'permissions.shell is true but capabilities does not include "skill"; shell applies only to native-command skills a plugin ships.', 'Set shell to false (a WebAssembly tool never gets a shell), or add "skill" and the skills that need it.');
    }
  }
}

/** Missing or `[]` (a non-list is reported on its own). */
function isEmptyList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 0);
}
