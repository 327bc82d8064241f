import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fixture, skillMd, waitFor } from '../registry/helpers.js';

// Timing acceptance of the watcher: debounce and max-wait, with the real chokidar.
let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function files(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const file = path.join(f.managedSkills, `s${i}`, 'SKILL.md');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, skillMd(`s${i}`, 'Start.'));
    return file;
  });
}

describe('registry watcher timing', () => {
  it('50 writes issued within 50 ms give exactly one rebuild', async () => {
    const targets = files(5);
    const registry = await f.start();
    await sleep(200); // let chokidar settle after its initial scan
    const before = registry.stats;
    const started = performance.now();
    for (let i = 0; i < 50; i++) writeFileSync(targets[i % 5]!, skillMd(`s${i % 5}`, `Write ${i}.`));
    expect(performance.now() - started).toBeLessThan(50);
    await waitFor(() => registry.stats.rebuilds > before.rebuilds, 'a rebuild');
    await sleep(600); // longer than the max-wait: any second rebuild would have started
    expect(registry.stats.rebuilds - before.rebuilds).toBe(1);
    expect(registry.stats.published - before.published).toBe(1);
    const s = registry.current();
    for (let k = 0; k < 5; k++) expect(s.tools.find((t) => t.id === `s${k}`)?.description).toBe(`Write ${45 + k}.`);
  });

  it('5 s of writes every 20 ms give a change event at least every 500 ms', async () => {
    // Three files in turn: chokidar drops a path's second change within 50 ms, so one file
    // alone would give events only every ~60 ms; three keep events 20 ms apart and the
    // debounce never quiet, so only the max-wait can flush.
    const targets = files(3);
    const registry = await f.start();
    await sleep(200);
    const times: number[] = [];
    registry.on((e) => { if (e.type === 'changed' && e.kind === 'tool') times.push(performance.now()); });
    const start = performance.now();
    let i = 0;
    while (performance.now() - start < 5000) {
      writeFileSync(targets[i % 3]!, skillMd(`s${i % 3}`, `Write ${i}.`));
      i += 1;
      await sleep(20);
    }
    const end = performance.now();
    await sleep(300);
    const marks = [start, ...times.filter((t) => t <= end)];
    const gaps = marks.slice(1).map((t, k) => t - marks[k]!);
    console.log(`writes: ${i}; change events during the writes: ${gaps.length}; largest gap ${Math.max(...gaps).toFixed(0)} ms`);
    expect(gaps.length).toBeGreaterThanOrEqual(9);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(500);
    expect(end - marks[marks.length - 1]!).toBeLessThanOrEqual(500);
  });
});
