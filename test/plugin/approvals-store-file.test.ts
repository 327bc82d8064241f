import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { caught, makeWorkspaces } from '../helpers/approvals.js';

let home: string;
let file: string;

beforeEach(async () => {
  home = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'weft-store-')));
  file = path.join(home, 'clawft', 'approvals.json');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(home, { recursive: true, force: true });
});

const workspaces = (n: number, prefix = 'ws') => makeWorkspaces(home, n, prefix);

describe('atomic writes', () => {
  it('creates the folder 0700 and the file 0600, and leaves no temp or lock files', async () => {
    const store = new ApprovalsStore(file);
    const [a, b] = await workspaces(2);
    await store.trustWorkspace(a as string);
    await store.trustWorkspace(b as string);
    expect(await fs.readdir(path.dirname(file))).toEqual(['approvals.json']);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('writes readable, versioned JSON with sorted keys', async () => {
    const store = new ApprovalsStore(file, { now: () => new Date('2026-01-01T00:00:00.000Z') });
    const [a, b] = await workspaces(2);
    await store.trustWorkspace(b as string);
    await store.trustWorkspace(a as string);
    const text = await fs.readFile(file, 'utf8');
    expect(JSON.parse(text)).toEqual({
      version: 1,
      skills: {},
      plugins: {},
      workspaces: { [a as string]: { trustedAt: '2026-01-01T00:00:00.000Z' }, [b as string]: { trustedAt: '2026-01-01T00:00:00.000Z' } },
    });
    expect(text.indexOf(a as string)).toBeLessThan(text.indexOf(b as string));
    expect(text).toContain('\n  "version": 1,');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('a failed rename leaves the original file byte-identical and no temp file behind', async () => {
    const store = new ApprovalsStore(file);
    const [a, b] = await workspaces(2);
    await store.trustWorkspace(a as string);
    const before = await fs.readFile(file);
    const rename = vi.spyOn(fs, 'rename').mockRejectedValueOnce(Object.assign(new Error('EIO: simulated crash'), { code: 'EIO' }));
    await expect(store.trustWorkspace(b as string)).rejects.toThrow('simulated crash');
    expect(rename).toHaveBeenCalledTimes(1);
    expect(await fs.readFile(file)).toEqual(before);
    expect(await fs.readdir(path.dirname(file))).toEqual(['approvals.json']);
    expect(await store.isWorkspaceTrusted(b as string)).toBe(false);
  });

  it('readers never see a partial file while writers write', async () => {
    const store = new ApprovalsStore(file);
    const dirs = await workspaces(30);
    await store.trustWorkspace(dirs[0] as string);
    let writing = true;
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        JSON.parse(await fs.readFile(file, 'utf8'));
        reads += 1;
      }
    })();
    for (const dir of dirs) await store.trustWorkspace(dir);
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(await store.listTrustedWorkspaces()).toHaveLength(30);
  });

  it('keeps fields it does not know when rewriting', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify({ version: 1, skills: {}, plugins: {}, workspaces: {}, note: 'mine' }));
    const [a] = await workspaces(1);
    await new ApprovalsStore(file).trustWorkspace(a as string);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).note).toBe('mine');
  });
});

describe('corrupt file', () => {
  const cases: Array<[string, string, string]> = [
    ['not JSON', '{ "version": 1, "skills": {', 'approvals-corrupt'],
    ['not an object', '[]', 'approvals-corrupt'],
    ['no version', '{"skills": {}}', 'approvals-corrupt'],
    ['a malformed entry', '{"version": 1, "workspaces": {"/x": {"trustedAt": 5}}}', 'approvals-corrupt'],
    ['a newer format', '{"version": 2}', 'approvals-version-unsupported'],
  ];
  for (const [label, text, code] of cases) {
    it(`${label}: load throws naming the file; mutations refuse and leave it byte-identical`, async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, text);
      const error = await caught(ApprovalsStore.load(file));
      expect(error.details.code).toBe(code);
      expect(error.details.file).toBe(file);
      expect(error.message).toContain(file);
      expect(error.details.fix).toBeTruthy();
      const store = new ApprovalsStore(file);
      const [a] = await workspaces(1);
      expect((await caught(store.trustWorkspace(a as string))).details.code).toBe(code);
      expect((await caught(store.revokeWorkspace(a as string))).details.code).toBe(code);
      expect((await caught(store.isWorkspaceTrusted(a as string))).details.code).toBe(code);
      expect(await fs.readFile(file, 'utf8')).toBe(text);
      expect(await fs.readdir(path.dirname(file))).toEqual(['approvals.json']);
    });
  }

  it('names the JSON problem and the fix', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '{"version": 1,}');
    const error = await caught(ApprovalsStore.load(file));
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.details.fix).toMatch(/by hand|move it aside/);
  });

  it('a missing file is an empty store, not an error', async () => {
    const store = await ApprovalsStore.load(file);
    expect(await store.read()).toEqual({ version: 1, skills: {}, plugins: {}, workspaces: {} });
    await expect(fs.stat(file)).rejects.toThrow();
  });
});
