// Native-command skills under a deadline and a cancel: the whole process group dies,
// grandchildren included. Serial because it measures time.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alive } from '../helpers/process.js';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { parseSkillFile } from '../../src/skills/parse/index.js';
import { runNativeSkill, type NativeRunContext } from '../../src/skills/runner/index.js';
import type { ParsedSkill } from '../../src/skills/types.js';

let root = '';
let bin = '';
let workspace = '';
let approvals: ApprovalsStore;
const pidFile = (): string => path.join(workspace, 'grandchild.pid');

/**
 * A command that starts a grandchild (not detached: it stays in the group, and it
 * holds our stdout pipe open), writes the grandchild's pid to a file, then hangs.
 * With `ignoreTerm` both ignore SIGTERM, so only the SIGKILL after the grace period stops them.
 */
function hangScript(name: string, ignoreTerm: boolean): void {
  const trap = ignoreTerm ? "process.on('SIGTERM', () => {});" : '';
  const file = path.join(bin, name);
  writeFileSync(file, `#!${process.execPath}
const { spawn } = require('node:child_process');
${trap}
const child = spawn(process.execPath, ['-e', "${trap.replace(/'/g, "\\'")} setInterval(() => {}, 1000)"], { stdio: 'inherit' });
require('node:fs').writeFileSync('grandchild.pid', String(child.pid));
setInterval(() => {}, 1000);
`);
  chmodSync(file, 0o755);
}

async function skill(name: string, command: string): Promise<ParsedSkill> {
  const dir = path.join(root, 'skills', name);
  mkdirSync(dir, { recursive: true });
  const meta = JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: [command] } } });
  writeFileSync(path.join(dir, 'SKILL.md'), `---\nname: ${name}\ndescription: Test skill ${name}.\nmetadata: ${meta}\n---\n\nBody.\n`);
  const parsed = await parseSkillFile(path.join(dir, 'SKILL.md'));
  await approvals.approveSkill(dir);
  return parsed;
}

const ctx = (extra: Partial<NativeRunContext> = {}): NativeRunContext => ({
  workspace,
  approvals,
  env: { PATH: `${bin}:/usr/bin:/bin`, HOME: root },
  ...extra,
});

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

async function grandchildPid(): Promise<number> {
  expect(await waitFor(() => existsSync(pidFile()) && readFileSync(pidFile(), 'utf8') !== '', 5_000)).toBe(true);
  return Number(readFileSync(pidFile(), 'utf8'));
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'weft-runner-time-')));
  bin = path.join(root, 'bin');
  workspace = path.join(root, 'ws');
  mkdirSync(bin);
  mkdirSync(workspace);
  approvals = new ApprovalsStore(path.join(root, 'home', 'approvals.json'));
  hangScript('hang', false);
  hangScript('hang-stubborn', true);
});

beforeEach(() => rmSync(pidFile(), { force: true }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('native skills: deadline and cancel', () => {
  it('a timeout ends the call as "deadline" and kills the process group, grandchild included', async () => {
    const s = await skill('hang', 'hang');
    const t0 = Date.now();
    const r = await runNativeSkill(s, {}, ctx({ timeoutMs: 500 }));
    const took = Date.now() - t0;
    expect(r).toMatchObject({ ok: false, kind: 'deadline' });
    expect(!r.ok && r.error).toMatch(/within the timeout of 500 ms; its process group was killed/);
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(3_000);
    const pid = await grandchildPid();
    expect(await waitFor(() => !alive(pid), 1_000), `grandchild ${pid} still alive`).toBe(true);
  });

  it('a group that ignores SIGTERM is killed with SIGKILL after the 2 s grace period', async () => {
    const s = await skill('stubborn', 'hang-stubborn');
    const t0 = Date.now();
    const r = await runNativeSkill(s, {}, ctx({ timeoutMs: 300 }));
    const took = Date.now() - t0;
    expect(r).toMatchObject({ ok: false, kind: 'deadline' });
    expect(took).toBeGreaterThanOrEqual(2_200);
    expect(took).toBeLessThan(4_000);
    const pid = await grandchildPid();
    expect(await waitFor(() => !alive(pid), 1_000), `grandchild ${pid} still alive`).toBe(true);
  });

  it('an abort ends the call as "cancelled" and kills the process group', async () => {
    const s = await skill('hang-abort', 'hang');
    const controller = new AbortController();
    const call = runNativeSkill(s, {}, ctx({ signal: controller.signal, timeoutMs: 30_000 }));
    const pid = await grandchildPid();
    expect(alive(pid)).toBe(true);
    const t0 = Date.now();
    controller.abort();
    const r = await call;
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(r).toMatchObject({ ok: false, kind: 'cancelled' });
    expect(await waitFor(() => !alive(pid), 1_000), `grandchild ${pid} still alive`).toBe(true);
  });

  it('an already aborted signal starts nothing', async () => {
    const s = await skill('hang-pre', 'hang');
    const r = await runNativeSkill(s, {}, ctx({ signal: AbortSignal.abort() }));
    expect(r).toMatchObject({ ok: false, kind: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(existsSync(pidFile())).toBe(false);
  });
});

describe('a descendant that leaves the process group', () => {
  it('cannot hold a call open past the deadline (setsid child keeping the pipes)', async () => {
    const { execNative } = await import('../../src/skills/runner/exec.js');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'weft-setsid-'));
    const pidFile = path.join(dir, 'pid');
    const start = Date.now();
    const result = await execNative(['sh', '-c', `setsid sleep 30 & echo $! > ${pidFile}; echo started; wait`], {
      cwd: dir, env: { PATH: process.env.PATH ?? '' }, timeoutMs: 500,
    });
    const elapsed = Date.now() - start;
    expect(result).toMatchObject({ ok: false, kind: 'deadline' });
    expect(elapsed).toBeLessThan(5_000);
    const escaped = Number(readFileSync(pidFile, 'utf8'));
    try { process.kill(escaped, 'SIGKILL'); } catch { /* already gone */ }
    rmSync(dir, { recursive: true, force: true });
  }, 15_000);
});
