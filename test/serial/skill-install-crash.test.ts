import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/plugin/approvals/index.js';
import { runWeft, weftBin } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

// SIGKILL `weft skill install` at random moments; after the next command the
// managed root must hold the old skill or the new one, byte for byte, and no
// dot-dirs. Many files make the copy long enough to be hit mid-way.
const ROUNDS = 50;
let t: TempHome;
let oldSrc: string;
let newSrc: string;
let oldHash: string;
let newHash: string;

function makeVersion(dir: string, label: string): void {
  writeSkill(dir, 'big', { name: 'big', description: `version ${label}` });
  for (let i = 0; i < 150; i++) writeFileSync(path.join(dir, 'big', `f${i}.md`), `${label} ${i} ${'x'.repeat(2000)}`);
}

function killedInstall(args: string[], delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [weftBin, ...args], { env: t.env, cwd: t.project, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', () => { clearTimeout(timer); resolve(); });
  });
}

async function installedHash(): Promise<string | undefined> {
  const dir = path.join(t.clawftHome, 'skills', 'big');
  return contentHash(dir).catch(() => undefined);
}

function dotDirs(): string[] {
  const root = path.join(t.clawftHome, 'skills');
  return existsSync(root) ? readdirSync(root).filter((n) => n.startsWith('.') && !n.endsWith('.lock')) : [];
}

beforeAll(async () => {
  t = makeTempHome();
  oldSrc = path.join(t.root, 'old');
  newSrc = path.join(t.root, 'new');
  mkdirSync(oldSrc);
  mkdirSync(newSrc);
  makeVersion(oldSrc, 'old');
  makeVersion(newSrc, 'new');
  oldHash = await contentHash(path.join(oldSrc, 'big'));
  newHash = await contentHash(path.join(newSrc, 'big'));
});
afterAll(() => t.cleanup());

describe('install survives SIGKILL at any moment', () => {
  it(`plain install, killed ${ROUNDS} times: nothing or the new skill`, async () => {
    const seen = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      await killedInstall(['skill', 'install', path.join(newSrc, 'big')], Math.random() * 400);
      expect(runWeft(['skill', 'list'], { cwd: t.project, env: t.env }).code).toBe(0);
      const hash = await installedHash();
      expect([undefined, newHash]).toContain(hash);
      seen.add(hash === undefined ? 'nothing' : 'new');
      expect(dotDirs()).toEqual([]);
      if (hash) expect(runWeft(['skill', 'remove', 'big'], { cwd: t.project, env: t.env }).code).toBe(0);
    }
    expect([...seen].sort()).toEqual(['new', 'nothing']);
  });

  it(`install --force over an old copy, killed ${ROUNDS} times: old or new, whole`, async () => {
    const seen = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      expect(runWeft(['skill', 'install', path.join(oldSrc, 'big'), '--force'], { cwd: t.project, env: t.env }).code).toBe(0);
      await killedInstall(['skill', 'install', path.join(newSrc, 'big'), '--force'], Math.random() * 400);
      expect(runWeft(['skill', 'list'], { cwd: t.project, env: t.env }).code).toBe(0);
      const hash = await installedHash();
      expect([oldHash, newHash]).toContain(hash);
      seen.add(hash === oldHash ? 'old' : 'new');
      expect(dotDirs()).toEqual([]);
    }
    // Both outcomes must occur, or the kills all landed before or after the work.
    expect([...seen].sort()).toEqual(['new', 'old']);
  });
});
