/**
 * Parse and check the text of an approvals file. Anything wrong is an error
 * naming the file and the problem: approvals are never silently dropped, so a
 * damaged file stops weft until a person fixes it or moves it aside.
 * Unknown fields are kept as they are (and written back unchanged).
 */
import { WeftError } from '../errors.js';
import { APPROVALS_FILE_VERSION, type ApprovalsData } from './types.js';

type Obj = Record<string, unknown>;

export function parseApprovals(text: string, file: string): ApprovalsData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw corrupt(file, `it is not valid JSON (${(error as Error).message})`);
  }
  if (!isObj(raw)) throw corrupt(file, 'the top level is not a JSON object');
  if (typeof raw.version === 'number' && raw.version > APPROVALS_FILE_VERSION) {
    throw new WeftError(`${file} was written by a newer weft (format version ${raw.version})`, {
      code: 'approvals-version-unsupported',
      file,
      field: 'version',
      value: raw.version,
      fix: `Upgrade weft; this one reads format version ${APPROVALS_FILE_VERSION}.`,
    });
  }
  if (raw.version !== APPROVALS_FILE_VERSION) {
    throw corrupt(file, `"version" must be ${APPROVALS_FILE_VERSION}`, 'version', raw.version);
  }
  for (const section of ['skills', 'plugins', 'workspaces'] as const) {
    if (raw[section] === undefined) raw[section] = {};
    if (!isObj(raw[section])) throw corrupt(file, `"${section}" must be an object`, section);
  }
  checkEntries(file, raw.skills as Obj, 'skills', (e) => str(e.contentHash) && str(e.approvedAt));
  checkEntries(file, raw.plugins as Obj, 'plugins', isPluginEntry);
  checkEntries(file, raw.workspaces as Obj, 'workspaces', (e) => str(e.trustedAt));
  return raw as unknown as ApprovalsData;
}

function checkEntries(file: string, section: Obj, name: string, ok: (entry: Obj) => boolean): void {
  for (const [key, entry] of Object.entries(section)) {
    if (!isObj(entry) || !ok(entry)) {
      throw corrupt(file, `the entry ${JSON.stringify(key)} in "${name}" is malformed`, `${name}.${key}`);
    }
  }
}

function isPluginEntry(e: Obj): boolean {
  const p = e.permissions;
  return (
    str(e.version) &&
    str(e.contentHash) &&
    str(e.approvedAt) &&
    (e.updatedAt === undefined || str(e.updatedAt)) &&
    isObj(p) &&
    strings(p.network) &&
    strings(p.env_vars) &&
    typeof p.shell === 'boolean' &&
    Array.isArray(p.filesystem) &&
    p.filesystem.every((f) => isObj(f) && str(f.path) && (f.access === 'read' || f.access === 'write')) &&
    Array.isArray(e.tools) &&
    e.tools.every((t) => isObj(t) && str(t.name) && isObj(t.input_schema))
  );
}

export function corrupt(file: string, problem: string, field?: string, value?: unknown): WeftError {
  return new WeftError(`The approvals file ${file} is corrupt: ${problem}`, {
    code: 'approvals-corrupt',
    file,
    ...(field === undefined ? {} : { field }),
    ...(value === undefined ? {} : { value }),
    fix: `Fix ${file} by hand, or move it aside to start again with no approvals.`,
  });
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): boolean {
  return typeof v === 'string';
}

function strings(v: unknown): boolean {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}
