/** `tools`: what the user approves. Input schemas are kept exactly as written. */
import type { JsonSchema } from '../json-schema.js';
import { isPlainObject, readList, show, warnUnknownKeys, type ManifestReport } from './report.js';
import type { ManifestTool } from './types.js';

export const TOOL_KEYS = ['name', 'description', 'input_schema'] as const;
export const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function normalizeTools(report: ManifestReport, raw: unknown): ManifestTool[] {
  const items = readList(report, raw, 'tools', '{name, description, input_schema} entries') ?? [];
  const tools: ManifestTool[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const at = `tools[${i}]`;
    if (!isPlainObject(item)) {
      report.error(at, `${at} is ${show(item)}; it must be an object {name, description, input_schema}.`, 'Write it as {"name": "forecast", "input_schema": {"type": "object"}}.');
      return;
    }
    warnUnknownKeys(report, item, TOOL_KEYS, at);
    const name = toolName(report, item.name, `${at}.name`);
    const description = toolDescription(report, item.description, `${at}.description`);
    const schema = inputSchema(report, item.input_schema, `${at}.input_schema`);
    if (name !== undefined) {
      const first = firstIndex.get(name);
      if (first !== undefined) {
        report.error(`${at}.name`, `${at}.name is "${name}", already the name of tools[${first}]; tool names must be unique.`, 'Rename one of the two tools, or remove the repeat.');
        return;
      }
      firstIndex.set(name, i);
    }
    if (name === undefined || schema === undefined) return;
    tools.push({ name, ...(description === undefined ? {} : { description }), input_schema: schema });
  });
  return tools;
}

function toolName(report: ManifestReport, raw: unknown, field: string): string | undefined {
  if (typeof raw === 'string' && TOOL_NAME.test(raw)) return raw;
  report.error(field, `${field} is ${show(raw)}; a tool name is 1-64 letters, digits, "_" or "-".`, 'Write a name such as "get_forecast".');
  return undefined;
}

function toolDescription(report: ManifestReport, raw: unknown, field: string): string | undefined {
  if (raw === undefined || typeof raw === 'string') return raw;
  report.error(field, `${field} is ${show(raw)}; it must be a string.`, 'Write the description in quotes, or leave it out.');
  return undefined;
}

/** Decision: only the top level is checked (`type: "object"`); the schema is otherwise never touched. */
function inputSchema(report: ManifestReport, raw: unknown, field: string): JsonSchema | undefined {
  const fix = 'Write a JSON Schema object with "type": "object", e.g. {"type": "object", "properties": {}}.';
  if (!isPlainObject(raw)) {
    report.error(field, `${field} is ${show(raw)}; it must be a JSON Schema object.`, fix);
    return undefined;
  }
  if (raw.type !== 'object') {
    report.error(`${field}.type`, `${field}.type is ${show(raw.type)}; a tool's input schema must have "type": "object" at the top.`, fix);
    return undefined;
  }
  return raw;
}
