import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { slashName } from '../../src/plugin/naming/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const expectedFile = path.resolve(here, '../../../shared/corpus/skills/expected.json');

interface CorpusEntry {
  path: string;
  effectiveName: string;
  /** Missing or null when OpenClaw does not load the skill. */
  openclawCommand?: string | null;
}

describe('slashName against the OpenClaw corpus', () => {
  it('gives every loadable skill the command OpenClaw gives it', () => {
    if (!existsSync(expectedFile)) {
      expect.fail(`../shared is missing: ${expectedFile} not found (the corpus lives in /work/shared next to the repo)`);
    }
    const entries = JSON.parse(readFileSync(expectedFile, 'utf8')) as CorpusEntry[];
    const loadable = entries.filter((e) => typeof e.openclawCommand === 'string');
    const mismatches = loadable
      .filter((e) => slashName(e.effectiveName) !== e.openclawCommand)
      .map((e) => `${e.path}: ${JSON.stringify(e.effectiveName)} -> ${slashName(e.effectiveName)}, OpenClaw ${e.openclawCommand}`);
    expect(mismatches).toEqual([]);
    expect(loadable.length).toBeGreaterThan(150);
  });
});
