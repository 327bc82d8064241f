/**
 * `metadata.weft.tool`, weft's extension that turns a skill into a tool:
 *   native: {input: <JSON Schema, type object>, run: ["git", "log", "-n", "{count}", "--"]}
 *   plugin: {plugin: "<reverse-domain id>", name: "<tool name>"}
 * Rules: exactly one of `run` and `plugin`; argv[0] is a bare command name or
 * an absolute path with no placeholder; a placeholder is an argv element that
 * is exactly `{param}`, names a declared property, and that property is not an
 * object or array; any other `{` or `}` is an error. Any error makes the skill
 * not loaded (`weft-tool-invalid`): a half-understood tool is dangerous.
 * Unknown keys are warnings (`weft-unknown-key`).
 */
import { PLUGIN_ID, PLUGIN_ID_MAX } from '../../plugin/manifest/normalize-fields.js';
import { TOOL_NAME } from '../../plugin/manifest/normalize-tools.js';
import type { WeftToolSpec } from '../types.js';
import { isPlainObject, show, type SkillReport, type Where } from './report.js';
import { checkInput, checkRun } from './weft-run.js';

const WEFT_KEYS = ['tool'];
const NATIVE_KEYS = ['input', 'run'];
const PLUGIN_KEYS = ['plugin', 'name'];
const EXAMPLE = 'e.g. {"weft": {"tool": {"input": {"type": "object", "properties": {"count": {"type": "integer"}}}, "run": ["git", "log", "-n", "{count}", "--"]}}}';

export function readWeftTool(metadata: Record<string, unknown> | undefined, report: SkillReport, line: number | undefined): WeftToolSpec | undefined {
  const weft = metadata?.weft;
  if (weft === undefined || weft === null) return undefined;
  const at = (field: string): Where => (line === undefined ? { field } : { line, field });
  const fail = (field: string, problem: string, fix = `Write metadata.weft.tool as ${EXAMPLE}.`): undefined => {
    report.add('weft-tool-invalid', `${problem} The skill is not loaded: weft does not serve a tool it only half understands.`, fix, at(field));
    return undefined;
  };
  if (!isPlainObject(weft)) return fail('metadata.weft', `metadata.weft is ${show(weft)}; it must be a mapping.`);
  unknownKeys(report, weft, WEFT_KEYS, 'metadata.weft', at);
  const tool = weft.tool;
  if (tool === undefined) return undefined;
  if (!isPlainObject(tool)) return fail('metadata.weft.tool', `metadata.weft.tool is ${show(tool)}; it must be a mapping.`);
  const hasRun = tool.run !== undefined;
  const hasPlugin = tool.plugin !== undefined || tool.name !== undefined;
  if (hasRun && hasPlugin) {
    return fail('metadata.weft.tool', 'metadata.weft.tool has both "run" (a native command) and "plugin"/"name" (a plugin tool); it must be one or the other.', 'Keep either "run" with "input", or "plugin" with "name".');
  }
  if (hasPlugin) {
    unknownKeys(report, tool, PLUGIN_KEYS, 'metadata.weft.tool', at);
    const { plugin, name } = tool;
    if (typeof plugin !== 'string' || plugin.length > PLUGIN_ID_MAX || !PLUGIN_ID.test(plugin)) {
      return fail('metadata.weft.tool.plugin', `metadata.weft.tool.plugin is ${show(plugin)}; it must be a plugin id: reverse-domain, two or more dot-separated labels of letters, digits, "_" or "-", at most ${PLUGIN_ID_MAX} characters.`, 'Write the id of an installed plugin, e.g. "plugin": "com.example.weather".');
    }
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
      return fail('metadata.weft.tool.name', `metadata.weft.tool.name is ${show(name)}; a tool name is 1-64 letters, digits, "_" or "-".`, 'Write the name of one of the plugin\'s tools, e.g. "name": "get_forecast".');
    }
    return { kind: 'plugin', plugin, name };
  }
  if (!hasRun) {
    return fail('metadata.weft.tool', 'metadata.weft.tool has neither "run" (a native command) nor "plugin" and "name" (a plugin tool).');
  }
  unknownKeys(report, tool, NATIVE_KEYS, 'metadata.weft.tool', at);
  const input = checkInput(tool.input);
  if (typeof input === 'string') return fail('metadata.weft.tool.input', input);
  const run = checkRun(tool.run, input);
  if (typeof run === 'string') return fail('metadata.weft.tool.run', run);
  return { kind: 'native', input, run };
}

function unknownKeys(report: SkillReport, obj: Record<string, unknown>, known: readonly string[], prefix: string, at: (field: string) => Where): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    report.add('weft-unknown-key', `${prefix}.${key} is not a key weft reads; it is ignored.`, `Remove it, or use one of: ${known.join(', ')}.`, at(`${prefix}.${key}`));
  }
}
