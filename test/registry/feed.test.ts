import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import type { RegistryEvent } from '../../src/registry/index.js';
import { Fixture, skillMd } from './helpers.js';

let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

function skill(name: string, description: string): void {
  mkdirSync(path.join(f.managedSkills, name), { recursive: true });
  writeFileSync(path.join(f.managedSkills, name, 'SKILL.md'), skillMd(name, description));
}

/** A store that can be made to fail, standing in for an unexpected error during a build. */
class FlakyStore extends ApprovalsStore {
  broken = false;
  override isWorkspaceTrusted(dir: string): Promise<boolean> {
    return this.broken ? Promise.reject(new Error('disk on fire')) : super.isWorkspaceTrusted(dir);
  }
}

describe('event feed', () => {
  it('events() iterates the feed (for `weft skill watch --json`): typed, JSON-serialisable, stamped with the generation', async () => {
    const registry = await f.start({ watch: false });
    const abort = new AbortController();
    const seen: RegistryEvent[] = [];
    const reading = (async () => { for await (const e of registry.events(abort.signal)) { seen.push(e); if (e.type === 'reloaded') abort.abort(); } })();
    skill('fresh', 'Fresh.');
    await registry.reload();
    await reading;
    expect(seen).toEqual([
      { type: 'added', kind: 'skill', id: 'fresh', generation: 2 },
      { type: 'added', kind: 'tool', id: 'fresh', generation: 2 },
      { type: 'reloaded', generation: 2, changes: 2 },
    ]);
    expect(JSON.parse(JSON.stringify(seen))).toEqual(seen);
  });

  it('an unsubscribed listener hears nothing more; a throwing listener does not stop the others', async () => {
    const registry = await f.start({ watch: false });
    const heard: string[] = [];
    registry.on(() => { throw new Error('bad consumer'); });
    const off = registry.on((e) => heard.push(e.type));
    skill('a', 'A.');
    await registry.reload();
    off();
    skill('b', 'B.');
    await registry.reload();
    expect(heard).toEqual(['added', 'added', 'reloaded']);
  });

  it('a failed reload keeps the last good snapshot and publishes the diagnostics', async () => {
    skill('stay', 'Stays.');
    mkdirSync(path.join(f.t.project, '.clawft')); // a workspace with content: trust is looked up on every build
    const approvals = new FlakyStore(path.join(f.t.clawftHome, 'approvals.json'));
    const registry = await f.start({ watch: false, approvals });
    const mark = f.events.length;
    approvals.broken = true;
    skill('new', 'New.');
    const s = await registry.reload();
    expect(s.id).toBe(2); // the same content, republished with the failure
    expect(s.tools.map((t) => t.id)).toEqual(['stay']);
    expect(registry.stats.failed).toBe(1);
    expect(s.diagnostics.some((d) => d.code === 'reload-failed' && d.problem.includes('disk on fire'))).toBe(true);
    const e = f.events.slice(mark);
    expect(e.map((x) => x.type)).toEqual(['diagnostics', 'reloaded']);
    expect(e[0]!.type === 'diagnostics' && e[0]!.diagnostics.some((d) => d.code === 'reload-failed' && d.problem.includes('disk on fire'))).toBe(true);
    approvals.broken = false;
    const good = await registry.reload();
    expect(good.tools.map((t) => t.id)).toEqual(['new', 'stay']);
    expect(good.diagnostics.some((d) => d.code === 'reload-failed')).toBe(false); // the failure clears
    expect(f.events.slice(mark).some((x, i) => i >= 2 && x.type === 'diagnostics')).toBe(true);
  });

  it('onActivity tells when a rebuild starts and ends', async () => {
    const registry = await f.start({ watch: false });
    const seen: boolean[] = [];
    const off = registry.onActivity((busy) => seen.push(busy));
    await registry.reload();
    off();
    await registry.reload();
    expect(seen).toEqual([true, false]);
  });
});

