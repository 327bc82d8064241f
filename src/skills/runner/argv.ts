/**
 * From a native skill's argv template and a call's arguments to the argv that
 * is executed. No shell ever sees it: each `{param}` element becomes exactly
 * one argv element holding the value's text, never split, quoted or expanded.
 *
 * Decisions:
 * - Arguments are checked against the skill's input schema first (ajv), and
 *   the schema's `default`s are filled in.
 * - A placeholder whose parameter still has no value is refused, naming the
 *   parameter. Dropping the element instead could change what the remaining
 *   argv means (`-n {count}` would become a bare `-n` eating the next word).
 * - Strings go as they are, numbers and booleans as String(value); null,
 *   objects and arrays are refused (one argv element holds one word).
 * - A value starting with `-` stays one element, but the program may still
 *   read it as an option (`--help`, `--output=/etc/x`). That is the template
 *   author's job: put `--` before positional placeholders, as git-summary
 *   does. weft cannot know which of a program's arguments are options.
 * - Limits the kernel imposes are refused here, before anything runs, with
 *   the parameter named: a NUL byte (argv strings end at NUL), one value over
 *   MAX_ARG_STRLEN (128 KiB on Linux, else execve fails with E2BIG), and the
 *   whole argv over MAX_ARGV_BYTES (ARG_MAX, shared with the environment, is
 *   often 2 MiB). Lone UTF-16 surrogates are refused too: they cannot be
 *   encoded, so the value would not arrive byte for byte.
 */
import type { JsonSchema } from '../../plugin/json-schema.js';
import { WeftError } from '../../plugin/errors.js';
import { validatorFor } from './ajv.js';

/** Linux MAX_ARG_STRLEN is 32 pages = 128 KiB, including the terminating NUL. */
export const MAX_ARG_BYTES = 128 * 1024 - 1;
/** Well under the usual 2 MiB ARG_MAX, leaving room for the environment. */
export const MAX_ARGV_BYTES = 1024 * 1024;

const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_-]*)\}$/;
const LONE_SURROGATE = /\p{Cs}/u;

export function expandArgv(run: string[], input: JsonSchema, args: Record<string, unknown>): string[] {
  if (run.length === 0) throw invalid(undefined, 'the skill declares an empty command', 'Give metadata.weft.tool.run a command.');
  const data = checkArgs(input, args);
  // argv[0] is never a placeholder: the command itself is fixed by the skill.
  const argv = run.map((element, i) => {
    const match = i === 0 ? null : PLACEHOLDER.exec(element);
    return match ? argText(match[1]!, data[match[1]!]) : element;
  });
  const total = argv.reduce((sum, a) => sum + Buffer.byteLength(a, 'utf8') + 1, 0);
  if (total > MAX_ARGV_BYTES) {
    throw invalid(undefined, `the command line would be ${total} bytes; the limit is ${MAX_ARGV_BYTES} bytes (1 MiB) in all`, 'Pass less text, or have the skill read large input from a file in the workspace.');
  }
  return argv;
}

/** Schema check on a copy (ajv writes defaults into what it checks). */
function checkArgs(input: JsonSchema, args: Record<string, unknown>): Record<string, unknown> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw invalid(undefined, 'the arguments must be a JSON object', 'Pass an object, e.g. {"count": 5}.');
  }
  const data = structuredClone(args);
  const validate = validatorFor(input);
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(arguments)'} ${e.message ?? e.keyword}`);
    throw invalid(undefined, `the arguments do not match the skill's input schema: ${problems.join('; ')}`, "Pass arguments that match the skill's input schema.");
  }
  return data;
}

function argText(name: string, value: unknown): string {
  if (value === undefined) {
    throw invalid(name, `parameter "${name}" has no value, and the command needs one`, `Pass "${name}", or give it a "default" in the skill's input schema.`);
  }
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    throw invalid(name, `parameter "${name}" is ${what}; one argv element can only hold a string, number or boolean`, `Pass "${name}" as a string, number or boolean.`);
  }
  if (text.includes('\0')) {
    throw invalid(name, `parameter "${name}" contains a NUL byte, which cannot be passed in a command's arguments`, `Remove the NUL character from "${name}".`);
  }
  if (LONE_SURROGATE.test(text)) {
    throw invalid(name, `parameter "${name}" contains an unpaired UTF-16 surrogate, which cannot be passed as UTF-8`, `Pass "${name}" as well-formed Unicode text.`);
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_ARG_BYTES) {
    throw invalid(name, `parameter "${name}" is ${bytes} bytes; one argument may be at most ${MAX_ARG_BYTES} bytes (128 KiB, the kernel's MAX_ARG_STRLEN)`, `Pass a shorter "${name}", or have the skill read large input from a file in the workspace.`);
  }
  return text;
}

function invalid(field: string | undefined, problem: string, fix: string): WeftError {
  return new WeftError(`Invalid arguments: ${problem}.`, { code: 'args-invalid', ...(field === undefined ? {} : { field }), fix });
}
