import { describe, expect, it } from 'vitest';
import { slashName } from '../../src/plugin/naming/index.js';
import { loadEntries } from '../helpers/corpus.js';

describe('slashName against the OpenClaw corpus', () => {
  it('gives every loadable skill the command OpenClaw gives it', () => {
    const loadable = loadEntries().filter((e) => typeof e.openclawCommand === 'string');
    const mismatches = loadable
      .filter((e) => slashName(e.effectiveName) !== e.openclawCommand)
      .map((e) => `${e.path}: ${JSON.stringify(e.effectiveName)} -> ${slashName(e.effectiveName)}, OpenClaw ${e.openclawCommand}`);
    expect(mismatches).toEqual([]);
    expect(loadable.length).toBeGreaterThan(150);
  });
});
