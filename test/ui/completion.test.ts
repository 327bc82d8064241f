import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentCommands } from '../../src/slash/index.js';
import { commonPrefix, completions } from '../../src/ui/completion.js';
import { History, HISTORY_LIMIT } from '../../src/ui/history.js';
import { Fixture, skillMd } from '../registry/helpers.js';

let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

describe('completion', () => {
  it('command names after /, then the command\'s own arguments; Tab fills the common prefix', async () => {
    for (const name of ['deploy', 'deploy-web']) {
      mkdirSync(path.join(f.managedSkills, name), { recursive: true });
      writeFileSync(path.join(f.managedSkills, name, 'SKILL.md'), skillMd(name, `The ${name} skill.`));
    }
    const registry = await f.start({ watch: false });
    const commands = currentCommands({ registry });
    const s = registry.current();
    expect(completions('hello', commands, s)).toEqual([]);
    expect(completions('/dep', commands, s).map((c) => c.line)).toEqual(['/deploy ', '/deploy_web ']);
    expect(commonPrefix(completions('/dep', commands, s))).toBe('/deploy');
    expect(completions('/he', commands, s)[0]).toMatchObject({ line: '/help ', description: expect.stringContaining('list every command') });
    expect(completions('/skill de', commands, s).map((c) => c.line)).toEqual(['/skill deploy', '/skill deploy-web']);
    expect(completions('/skill deploy x', commands, s)).toEqual([]);
  });
});

describe('history', () => {
  it('persists across sessions, keeps multi-line inputs whole, skips repeats and blanks, and stays bounded', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'weft-history-'));
    const file = path.join(dir, 'history');
    const h = new History(file);
    h.add('/help');
    h.add('/help');
    h.add('  ');
    h.add('two\nlines \\n literal');
    expect(new History(file).entries).toEqual(['/help', 'two\nlines \\n literal']);
    for (let i = 0; i < HISTORY_LIMIT * 2 + 5; i++) h.add(`line ${i}`);
    const again = new History(file);
    expect(again.entries).toHaveLength(HISTORY_LIMIT);
    expect(again.entries.at(-1)).toBe(`line ${HISTORY_LIMIT * 2 + 4}`);
    expect(readFileSync(file, 'utf8').split('\n').length).toBeLessThanOrEqual(HISTORY_LIMIT * 2 + 1);
  });
});
