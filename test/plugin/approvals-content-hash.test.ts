import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentHash, hashFolder } from '../../src/plugin/approvals/index.js';
import { WeftError } from '../../src/plugin/errors.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'weft-hash-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<WeftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WeftError);
  return error as WeftError;
}

describe('contentHash', () => {
  it('is sha256:<hex> and stable across runs and creation order', async () => {
    const a = await folder({ 'SKILL.md': 'hi', 'bin/run.sh': 'echo', 'z.txt': 'z' });
    const b = await folder({ 'z.txt': 'z', 'bin/run.sh': 'echo', 'SKILL.md': 'hi' });
    const hash = await contentHash(a);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await contentHash(a)).toBe(hash);
    expect(await contentHash(b)).toBe(hash);
  });

  it('changes on a byte edit, a rename and an added file', async () => {
    const base = { 'SKILL.md': 'hello', 'lib/x.js': 'x' };
    const hash = await contentHash(await folder(base));
    expect(await contentHash(await folder({ ...base, 'SKILL.md': 'hellp' }))).not.toBe(hash);
    expect(await contentHash(await folder({ 'SKILL.md': 'hello', 'lib/y.js': 'x' }))).not.toBe(hash);
    expect(await contentHash(await folder({ ...base, 'extra.txt': '' }))).not.toBe(hash);
  });

  it('changes when bytes move from one file to another', async () => {
    const one = await contentHash(await folder({ a: 'xy', b: '' }));
    const two = await contentHash(await folder({ a: 'x', b: 'y' }));
    expect(one).not.toBe(two);
  });

  it('changes when bytes move between a path and its content', async () => {
    expect(await contentHash(await folder({ ab: 'c' }))).not.toBe(await contentHash(await folder({ a: 'bc' })));
  });

  it('covers nested folders and tells a file moved into a subfolder apart', async () => {
    const nested = await folder({ 'a/b/c.txt': 'deep' });
    const flat = await folder({ 'c.txt': 'deep' });
    expect(await contentHash(nested)).not.toBe(await contentHash(flat));
    const result = await hashFolder(nested);
    expect(result.files).toEqual([{ path: 'a/b/c.txt', size: 4 }]);
    expect(result.root).toBe(await fs.realpath(nested));
  });

  it('ignores empty folders: only files count', async () => {
    const dir = await folder({ 'SKILL.md': 's' });
    const hash = await contentHash(dir);
    await fs.mkdir(path.join(dir, 'empty/inner'), { recursive: true });
    expect(await contentHash(dir)).toBe(hash);
  });

  it('refuses a symlink to a file, naming the link', async () => {
    const dir = await folder({ 'SKILL.md': 's', 'real.txt': 'r' });
    const link = path.join(dir, 'sub', 'link.txt');
    await fs.mkdir(path.dirname(link));
    await fs.symlink(path.join(dir, 'real.txt'), link);
    const error = await refusal(contentHash(dir));
    expect(error.details.code).toBe('symlink-refused');
    expect(error.details.file).toBe(path.join(await fs.realpath(dir), 'sub', 'link.txt'));
    expect(error.message).toContain('link.txt');
    expect(error.details.fix).toMatch(/replace the link/i);
  });

  it('refuses a symlink to a folder, naming the link', async () => {
    const dir = await folder({ 'SKILL.md': 's' });
    const outside = await folder({ 'secret.txt': 'x' });
    await fs.symlink(outside, path.join(dir, 'linked-dir'));
    const error = await refusal(contentHash(dir));
    expect(error.details.code).toBe('symlink-refused');
    expect(error.details.file).toBe(path.join(await fs.realpath(dir), 'linked-dir'));
  });

  it('follows a symlink to the folder itself and hashes the real folder', async () => {
    const dir = await folder({ 'SKILL.md': 's' });
    const parent = await folder({});
    const link = path.join(parent, 'via-link');
    await fs.symlink(dir, link);
    expect(await contentHash(link)).toBe(await contentHash(dir));
  });

  it('names a missing folder', async () => {
    const missing = path.join(os.tmpdir(), 'weft-no-such-folder-xyz');
    const error = await refusal(contentHash(missing));
    expect(error.details.file).toBe(missing);
  });
});
