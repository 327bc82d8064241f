import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/run-weft.js';

// The layers of design.md: a folder may import itself and the folders listed.
const LOWER: Record<string, string[]> = {
  plugin: [],
  config: ['plugin'],
  skills: ['plugin', 'config'],
  sandbox: ['plugin', 'config'],
  memory: ['plugin', 'config'],
  registry: ['plugin', 'config', 'skills', 'sandbox', 'memory'],
  slash: ['plugin', 'config', 'skills', 'sandbox', 'memory', 'registry'],
  mcp: ['plugin', 'config', 'skills', 'sandbox', 'memory', 'registry'],
  agent: ['plugin', 'config', 'skills', 'sandbox', 'memory', 'registry'],
  channels: ['plugin', 'config', 'skills', 'sandbox', 'memory', 'registry', 'agent'],
};
const TOP = new Set(['ui', 'commands']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('architecture', () => {
  const src = path.join(repoRoot, 'src');

  it('every folder of src/ is a known layer', () => {
    const folders = readdirSync(src).filter((n) => statSync(path.join(src, n)).isDirectory());
    for (const folder of folders) expect(folder in LOWER || TOP.has(folder), `unknown layer src/${folder}`).toBe(true);
  });

  it('no import points up the layers', () => {
    const violations: string[] = [];
    for (const file of files(src)) {
      const layer = path.relative(src, file).split(path.sep)[0]!;
      if (!(layer in LOWER)) continue;
      const allowed = new Set([layer, ...LOWER[layer]!]);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
        const target = path.relative(src, path.resolve(path.dirname(file), m[1]!)).split(path.sep)[0]!;
        if (target.startsWith('..') || !allowed.has(target.replace(/\.js$/, ''))) {
          violations.push(`${path.relative(repoRoot, file)} imports ${m[1]}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('no source file is over 400 lines', () => {
    const long = files(src).filter((f) => readFileSync(f, 'utf8').split('\n').length > 400).map((f) => path.relative(repoRoot, f));
    expect(long).toEqual([]);
  });
});
