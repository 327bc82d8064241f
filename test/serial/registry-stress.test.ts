import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callTool, type RegistryCallResult } from '../../src/registry/index.js';
import { ECHO, Fixture, skillMd } from '../registry/helpers.js';

// Calls in flight while every reload installs a new build of the called plugin: new code
// (its `version` tool reports the build) and a new manifest version, tools and permissions
// unchanged so the approval carries forward. A plugin-backed skill bound to that `version`
// tool changes too. No call fails; each result carries the generation it started on and
// the tool version (schema + code) it was validated with, and the build its code reports
// is the build installed when that generation was published.
let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

const IN_FLIGHT = 100;
const RELOADS = 200;
const MARK = 'build-000000';
const build = (i: number): string => `build-${String(i).padStart(6, '0')}`;

/** The committed component with its build mark rewritten in place (same length, so nothing else moves). */
function rebuild(original: Buffer, tag: string): Buffer {
  const out = Buffer.from(original);
  let at = out.indexOf(MARK);
  let found = 0;
  while (at >= 0) { out.write(tag, at, 'latin1'); found += 1; at = out.indexOf(MARK, at + MARK.length); }
  if (found !== 1) throw new Error(`expected the build mark once in the code, found it ${found} time(s)`);
  return out;
}

const writeAtomic = (file: string, data: string | Buffer): void => {
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
};

describe('registry under load', () => {
  it(`${IN_FLIGHT} calls in flight through ${RELOADS} reloads that each install a new build of the called plugin`, async () => {
    const dir = f.copyPlugin('echo-wat');
    const wasmFile = path.join(dir, 'echo-wat.wasm');
    const manifestFile = path.join(dir, 'clawft.plugin.json');
    const original = readFileSync(wasmFile);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    const install = (i: number): void => {
      writeAtomic(wasmFile, rebuild(original, build(i)));
      writeAtomic(manifestFile, JSON.stringify({ ...manifest, version: `0.1.${i}` }));
    };
    install(0);
    await f.approve(dir);
    const bound = path.join(f.managedSkills, 'bound', 'SKILL.md');
    const bind = `metadata: {"weft": {"tool": {"plugin": "${ECHO}", "name": "version"}}}`;
    mkdirSync(path.dirname(bound), { recursive: true });
    writeFileSync(bound, skillMd('bound', 'The build, through a skill.', 'Body 0.', bind));
    const registry = await f.start({ watch: false });
    /** Generation → the build installed when it was published (each reload must publish one). */
    const buildOfGeneration = new Map<number, string>();
    const echoTool = `${ECHO}/echo`;
    const record = (i: number): boolean => {
      const s = registry.current();
      if (buildOfGeneration.has(s.id) || s.tools.find((t) => t.id === 'bound')?.state !== 'ready') return false;
      buildOfGeneration.set(s.id, build(i));
      return true;
    };
    expect(record(0)).toBe(true);

    type Row = { seq: number; started: number; result: RegistryCallResult; leaseVersion: string; expected: unknown };
    const rows: Row[] = [];
    let seq = 0;
    let stop = false;
    const loop = async (): Promise<void> => {
      while (!stop) {
        const lease = registry.acquire();
        const n = seq++;
        const id = n % 2 === 0 ? 'bound' : echoTool;
        const tool = lease.snapshot.tools.find((t) => t.id === id)!;
        try {
          const args = id === 'bound' ? {} : { n };
          const result = await callTool(lease, id, args);
          rows.push({ seq: n, started: lease.generation, result, leaseVersion: tool.version, expected: id === 'bound' ? undefined : JSON.stringify(args) });
          if (!result.ok) stop = true; // fail fast: a failing call resolves at once and would spin
        } finally {
          await lease.release();
        }
      }
    };
    const loops = Array.from({ length: IN_FLIGHT }, loop);
    let published = 0;
    for (let i = 1; i <= RELOADS && !stop; i++) {
      install(i);
      if (i % 2 === 0) writeAtomic(bound, skillMd('bound', 'The build, through a skill.', `Body ${i}.`, bind));
      await registry.reload();
      if (record(i)) published += 1;
    }
    stop = true;
    await Promise.all(loops);
    const failed = rows.filter((r) => !r.result.ok);
    const builds = new Set(rows.filter((r) => r.seq % 2 === 0).map((r) => r.result.ok && r.result.content));
    for (const r of rows) if (r.seq % 2 === 0) r.expected = buildOfGeneration.get(r.started); // the code that ran is that generation's build
    console.log(`calls: ${rows.length}; generations: ${registry.stats.published}; builds seen running: ${builds.size}; instances made ${registry.stats.instancesCreated}, disposed ${registry.stats.instancesDisposed}`);
    expect(failed.map((r) => r.result)).toEqual([]);
    expect(published).toBe(RELOADS);
    expect(registry.stats.published).toBe(RELOADS + 1);
    for (const r of rows) {
      expect(r.result.generation).toBe(r.started);
      expect(r.result.version).toBe(r.leaseVersion);
      expect(r.result.ok && r.result.content).toBe(r.expected);
    }
    const byStart = [...rows].sort((a, b) => a.seq - b.seq).map((r) => r.started);
    expect(byStart.every((g, k) => k === 0 || g >= byStart[k - 1]!)).toBe(true);
    expect(builds.size).toBeGreaterThan(RELOADS / 4);
    await new Promise((r) => setTimeout(r, 50));
    expect(registry.stats.instancesDisposed).toBeGreaterThanOrEqual(registry.stats.instancesCreated - 1);
  }, 60_000);
});
