/**
 * Reading a manifest: `clawft.plugin.json` (plain JSON) or
 * `clawft.plugin.yaml` / `.yml` (YAML 1.2 core), then normalizeManifest.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostic.js';
import { normalizeManifest, type ManifestResult } from './normalize.js';

export type { ManifestResult } from './normalize.js';

export const MANIFEST_FILE_NAMES = ['clawft.plugin.json', 'clawft.plugin.yaml', 'clawft.plugin.yml'] as const;

/** Parses manifest text; the format comes from the file's extension. */
export function parseManifest(text: string, file: string): ManifestResult {
  const source = text.replace(/^\uFEFF/, '');
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return parseJson(source, file);
  if (ext === '.yaml' || ext === '.yml') return parseYaml(source, file);
  return {
    diagnostics: [{
      code: 'manifest-invalid', severity: 'error', file,
      problem: `The manifest file name ends in "${ext}"; only .json, .yaml and .yml are read.`,
      fix: `Name the manifest ${MANIFEST_FILE_NAMES.join(', ')}.`,
    }],
  };
}

function parseJson(text: string, file: string): ManifestResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    const line = position !== undefined ? lineAt(text, Number(position)) : /end of JSON input/.test(message) ? lineAt(text, text.length) : undefined;
    return { diagnostics: [syntax(file, `The manifest is not valid JSON: ${message.split('\n')[0]}`, line)] };
  }
  return normalizeManifest(raw, file);
}

function parseYaml(text: string, file: string): ManifestResult {
  const doc = parseDocument(text, { prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const message = first.message.split('\n')[0] ?? first.code;
    return { diagnostics: [syntax(file, `The manifest is not valid YAML: ${message}`, first.linePos?.[0].line)] };
  }
  return normalizeManifest(doc.toJS(), file);
}

function syntax(file: string, problem: string, line: number | undefined): Diagnostic {
  return {
    code: 'manifest-syntax', severity: 'error', file, ...(line === undefined ? {} : { line }),
    problem, fix: 'Correct the syntax at the place shown.',
  };
}

/** 1-based line of character offset `offset`. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Finds and reads the manifest in plugin folder `dir`. */
export async function readManifest(dir: string): Promise<ManifestResult> {
  const fail = (code: string, file: string, problem: string, fix: string): ManifestResult => ({
    diagnostics: [{ code, severity: 'error', file, problem, fix }],
  });
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return fail('manifest-missing', dir, `The plugin folder ${dir} does not exist.`, 'Check the plugin path.');
    }
    return fail('manifest-unreadable', dir, `The plugin folder ${dir} cannot be read (${code ?? String(error)}).`, 'Check its permissions.');
  }
  const found = MANIFEST_FILE_NAMES.filter((name) => entries.includes(name));
  const [only] = found;
  if (only === undefined) {
    return fail('manifest-missing', dir, `No plugin manifest in ${dir} (looked for ${MANIFEST_FILE_NAMES.join(', ')}).`, 'Add a clawft.plugin.json or clawft.plugin.yaml to the plugin folder.');
  }
  if (found.length > 1) {
    return fail('manifest-ambiguous', dir, `${dir} has more than one manifest (${found.join(', ')}); weft will not guess which one is meant.`, `Keep one of ${found.join(', ')} and delete the others.`);
  }
  return parseManifestFile(join(dir, only));
}

/** Reads and parses one manifest file (format from its extension). */
export async function parseManifestFile(file: string): Promise<ManifestResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      diagnostics: [{
        code: code === 'ENOENT' ? 'manifest-missing' : 'manifest-unreadable', severity: 'error', file,
        problem: `The manifest cannot be read (${code}).`, fix: 'Check that the file exists and is readable.',
      }],
    };
  }
  return parseManifest(text, file);
}
