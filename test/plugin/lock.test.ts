import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withLock } from '../../src/plugin/lock.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'weft-lock-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('withLock', () => {
  it('takes over at once a fresh lock whose holder is dead', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const target = path.join(dir, 'thing');
    writeFileSync(`${target}.lock`, `${dead} 2026-01-01T00:00:00Z\n`);
    const start = Date.now();
    expect(await withLock(target, async () => 'ran', { timeoutMs: 2_000, staleMs: 60_000 })).toBe('ran');
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it('never takes a lock from a live holder, however old', async () => {
    const target = path.join(dir, 'thing');
    writeFileSync(`${target}.lock`, `${process.pid} long ago\n`);
    const { utimesSync } = await import('node:fs');
    utimesSync(`${target}.lock`, new Date(0), new Date(0));
    await expect(withLock(target, async () => 'ran', { timeoutMs: 150, staleMs: 10 })).rejects.toThrow(/Timed out/);
  });

  it('removes only its own lock when done', async () => {
    const target = path.join(dir, 'thing');
    const { rmSync: rm } = await import('node:fs');
    await withLock(target, async () => {
      rm(`${target}.lock`);
      writeFileSync(`${target}.lock`, 'someone else\n');
    });
    expect(existsSync(`${target}.lock`)).toBe(true);
  });

  it('waits for a fresh lock whose holder is alive', async () => {
    const target = path.join(dir, 'thing');
    writeFileSync(`${target}.lock`, `${process.pid} now\n`);
    await expect(withLock(target, async () => 'ran', { timeoutMs: 150, staleMs: 60_000 })).rejects.toThrow(/Timed out/);
  });
});
