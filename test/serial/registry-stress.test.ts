import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callTool, type RegistryCallResult } from '../../src/registry/index.js';
import { ECHO, Fixture, skillMd } from '../registry/helpers.js';

// Calls in flight while reloads change the called plugin (its permissions unchanged, so
// its approval carries forward) and a skill bound to it: none fails, each stays on the
// generation it started on, with the tool version (schema + code) of that generation.
let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

const IN_FLIGHT = 100;
const RELOADS = 200;

describe('registry under load', () => {
  it(`${IN_FLIGHT} calls in flight through ${RELOADS} reloads of the called plugin`, async () => {
    const dir = f.copyPlugin('echo-wat');
    await f.approve(dir);
    const bound = path.join(f.managedSkills, 'bound', 'SKILL.md');
    const bind = `metadata: {"weft": {"tool": {"plugin": "${ECHO}", "name": "echo"}}}`;
    mkdirSync(path.dirname(bound), { recursive: true });
    writeFileSync(bound, skillMd('bound', 'Echo, bound.', 'Body 0.', bind));
    const registry = await f.start({ watch: false });
    const manifestFile = path.join(dir, 'clawft.plugin.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    type Row = { seq: number; started: number; result: RegistryCallResult; leaseVersion: string; n: number };
    const rows: Row[] = [];
    let seq = 0;
    let stop = false;
    const loop = async (): Promise<void> => {
      while (!stop) {
        const lease = registry.acquire();
        const n = seq++;
        const id = n % 2 === 0 ? `${ECHO}/compute` : 'bound';
        const leaseVersion = lease.snapshot.tools.find((t) => t.id === id)!.version;
        try {
          const result = await callTool(lease, id, id === 'bound' ? { n } : { n: 10 });
          rows.push({ seq: n, started: lease.generation, result, leaseVersion, n });
        } finally {
          await lease.release();
        }
      }
    };
    const loops = Array.from({ length: IN_FLIGHT }, loop);
    let published = 0;
    for (let i = 1; i <= RELOADS; i++) {
      writeFileSync(manifestFile, JSON.stringify({ ...manifest, version: `0.1.${i}` }));
      if (i % 2 === 0) writeFileSync(bound, skillMd('bound', 'Echo, bound.', `Body ${i}.`, bind));
      const s = await registry.reload();
      if (s.plugins[0]?.state === 'approved') published += 1;
    }
    stop = true;
    await Promise.all(loops);
    const failed = rows.filter((r) => !r.result.ok);
    console.log(`calls: ${rows.length}; generations: ${registry.stats.published}; instances made ${registry.stats.instancesCreated}, disposed ${registry.stats.instancesDisposed}`);
    expect(failed.map((r) => r.result)).toEqual([]);
    expect(published).toBe(RELOADS);
    expect(registry.stats.published).toBe(RELOADS + 1);
    for (const r of rows) {
      expect(r.result.generation).toBe(r.started);
      expect(r.result.version).toBe(r.leaseVersion);
      if (r.n % 2 === 1) expect(r.result.ok && r.result.content).toBe(JSON.stringify({ n: r.n }));
    }
    const byStart = [...rows].sort((a, b) => a.seq - b.seq).map((r) => r.started);
    expect(byStart.every((g, k) => k === 0 || g >= byStart[k - 1]!)).toBe(true);
    expect(new Set(rows.map((r) => r.started)).size).toBeGreaterThan(RELOADS / 4);
    await new Promise((r) => setTimeout(r, 50));
    expect(registry.stats.instancesDisposed).toBeGreaterThanOrEqual(registry.stats.instancesCreated - 1);
  }, 60_000);
});
