import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer, debounceSettings } from '../../src/registry/debounce.js';
import { isIgnored, nearestExisting, watchRoots, type WatchTargets } from '../../src/registry/targets.js';

describe('Debouncer', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('turns a burst into one flush after the quiet time, with every item once', () => {
    const flushes: string[][] = [];
    const d = new Debouncer<string>({ debounceMs: 50, maxWaitMs: 500 }, (items) => flushes.push(items));
    for (let i = 0; i < 50; i++) { d.push(`f${i % 5}`); vi.advanceTimersByTime(1); }
    expect(flushes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(flushes).toEqual([['f0', 'f1', 'f2', 'f3', 'f4']]);
  });

  it('flushes a stream that never goes quiet within the max-wait, ahead by the expected build time and a slack', () => {
    const at: number[] = [];
    const start = Date.now();
    const d = new Debouncer<string>({ debounceMs: 50, maxWaitMs: 500 }, () => at.push(Date.now() - start), () => 30);
    for (let t = 0; t < 2000; t += 20) { d.push('x'); vi.advanceTimersByTime(20); }
    expect(at.length).toBeGreaterThanOrEqual(4);
    expect(at[0]).toBe(500 - 30 - 50);
    for (let k = 1; k < at.length; k++) expect(at[k]! - at[k - 1]!).toBeLessThanOrEqual(500);
  });

  it('refuses settings out of range, naming the value and the range', () => {
    expect(debounceSettings()).toEqual({ debounceMs: 60, maxWaitMs: 500 });
    expect(() => debounceSettings({ debounceMs: 150 })).toThrow(/debounceMs is 150; it must be 0 to 100 ms/);
    expect(() => debounceSettings({ maxWaitMs: 1500 })).toThrow(/maxWaitMs is 1500/);
    expect(() => debounceSettings({ debounceMs: 80, maxWaitMs: 40 })).toThrow(/maxWaitMs is 40/);
  });
});

describe('watch targets', () => {
  const targets: WatchTargets = {
    dirs: [{ dir: '/h/.clawft/skills', depth: 8 }, { dir: '/w/.clawft/plugins', depth: 3 }],
    files: ['/h/.clawft/config.json', '/h/.clawft/approvals.json'],
  };

  it('keeps the way down to a target, the target files and what lies inside within the depth', () => {
    for (const p of ['/', '/h', '/h/.clawft', '/h/.clawft/skills', '/h/.clawft/skills/a/SKILL.md', '/h/.clawft/config.json',
      '/w', '/w/.clawft', '/w/.clawft/plugins/p/clawft.plugin.json']) expect(isIgnored(p, targets), p).toBe(false);
  });

  it('ignores everything else: dot-entries and node_modules inside roots, install staging, other files, too deep', () => {
    for (const p of ['/h/other', '/h/.clawft/cache', '/h/.clawft/approvals.json.123.tmp', '/h/.clawft/skills/.tmp-x/SKILL.md',
      '/h/.clawft/skills/.trash-y', '/h/.clawft/skills/a/.SKILL.md.swp', '/h/.clawft/skills/node_modules/x',
      '/w/.clawft/plugins/.tmp-install/m.json', '/w/.clawft/plugins/a/b/c/d', '/w/src']) expect(isIgnored(p, targets), p).toBe(true);
  });

  it('watches a missing target through its nearest existing ancestor', () => {
    const here = path.resolve('.');
    expect(nearestExisting(path.join(here, 'no', 'such', 'dir'))).toBe(here);
    expect(watchRoots({ dirs: [{ dir: path.join(here, 'missing'), depth: 1 }], files: [path.join(here, 'missing.json')] })).toEqual([here]);
  });
});
