/** The checks on a native weft tool: its input schema and its argv template. Each returns a problem sentence on failure. */
import type { JsonSchema } from '../../plugin/json-schema.js';
import { isPlainObject, show } from './report.js';

const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_-]*)\}$/;
/** A bare command name (looked up on PATH), or an absolute path. */
const COMMAND = /^(?:[A-Za-z0-9_.+-]+|\/[^\0]*|[A-Za-z]:[\\/][^\0]*)$/;

export function checkInput(raw: unknown): JsonSchema | string {
  if (raw === undefined) return 'metadata.weft.tool.input is missing; a native tool must declare its input as a JSON Schema.';
  if (!isPlainObject(raw)) return `metadata.weft.tool.input is ${show(raw)}; it must be a JSON Schema object.`;
  if (raw.type !== 'object') return `metadata.weft.tool.input.type is ${show(raw.type)}; a tool's input schema must have "type": "object" at the top.`;
  const props = raw.properties;
  if (props !== undefined && !isPlainObject(props)) return `metadata.weft.tool.input.properties is ${show(props)}; it must be a mapping of property schemas.`;
  const required = raw.required;
  if (required !== undefined) {
    if (!Array.isArray(required) || !required.every((r) => typeof r === 'string')) {
      return `metadata.weft.tool.input.required is ${show(required)}; it must be a list of property names.`;
    }
    const missing = required.find((r) => !props || !Object.hasOwn(props, r));
    if (missing !== undefined) return `metadata.weft.tool.input.required lists "${missing}", which is not declared in input.properties.`;
  }
  return raw;
}

export function checkRun(raw: unknown, input: JsonSchema): string[] | string {
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((a) => typeof a === 'string')) {
    return `metadata.weft.tool.run is ${show(raw)}; it must be a non-empty list of strings (argv), e.g. ["git", "log", "-n", "{count}", "--"].`;
  }
  const argv = raw as string[];
  const command = argv[0]!;
  if (command.includes('{') || command.includes('}')) {
    return `metadata.weft.tool.run[0] is ${show(command)}; the command itself may not contain a placeholder or braces.`;
  }
  if (!COMMAND.test(command)) {
    return `metadata.weft.tool.run[0] is ${show(command)}; it must be a command name found on PATH (letters, digits, ".", "_", "+", "-") or an absolute path.`;
  }
  const props = isPlainObject(input.properties) ? input.properties : {};
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = PLACEHOLDER.exec(arg);
    if (!match) {
      if (arg.includes('{') || arg.includes('}')) {
        return `metadata.weft.tool.run[${i}] is ${show(arg)}; a placeholder must be a whole argv element like "{name}", and braces may not appear otherwise.`;
      }
      continue;
    }
    const name = match[1]!;
    if (!Object.hasOwn(props, name)) return `metadata.weft.tool.run[${i}] is "{${name}}", but "${name}" is not declared in input.properties.`;
    const type = isPlainObject(props[name]) ? props[name].type : undefined;
    if (type === 'object' || type === 'array') {
      return `metadata.weft.tool.run[${i}] is "{${name}}", but input.properties.${name} has type "${type}"; one argv element can only hold a string, number, integer or boolean.`;
    }
  }
  return argv;
}
