import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { WeftError } from '../../src/plugin/errors.js';

let home: string;
let store: ApprovalsStore;

beforeEach(async () => {
  home = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'weft-ws-')));
  store = new ApprovalsStore(path.join(home, 'clawft', 'approvals.json'), {
    now: () => new Date('2026-01-02T03:04:05.000Z'),
  });
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

async function workspace(name: string): Promise<string> {
  const dir = path.join(home, name);
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

describe('workspace trust', () => {
  it('an unknown workspace is not trusted', async () => {
    expect(await store.isWorkspaceTrusted(await workspace('proj'))).toBe(false);
  });

  it('trust via a symlinked path, check via the real path, and the reverse', async () => {
    const real = await workspace('proj');
    const link = path.join(home, 'proj-link');
    await fs.symlink(real, link);
    const trusted = await store.trustWorkspace(link);
    expect(trusted).toEqual({ path: real, trustedAt: '2026-01-02T03:04:05.000Z' });
    expect(await store.isWorkspaceTrusted(real)).toBe(true);
    expect(await store.isWorkspaceTrusted(link)).toBe(true);
    expect(Object.keys((await store.read()).workspaces)).toEqual([real]);
  });

  it('trust is exact: a sibling or a subfolder is not trusted', async () => {
    await store.trustWorkspace(await workspace('proj'));
    expect(await store.isWorkspaceTrusted(await workspace('proj2'))).toBe(false);
    expect(await store.isWorkspaceTrusted(await workspace('proj/sub'))).toBe(false);
  });

  it('revoke withdraws trust; revoking again reports nothing to revoke', async () => {
    const dir = await workspace('proj');
    await store.trustWorkspace(dir);
    expect(await store.revokeWorkspace(dir)).toBe(true);
    expect(await store.isWorkspaceTrusted(dir)).toBe(false);
    expect(await store.revokeWorkspace(dir)).toBe(false);
  });

  it('revoking via a symlink revokes the real workspace', async () => {
    const real = await workspace('proj');
    const link = path.join(home, 'proj-link');
    await fs.symlink(real, link);
    await store.trustWorkspace(real);
    expect(await store.revokeWorkspace(link)).toBe(true);
    expect(await store.isWorkspaceTrusted(real)).toBe(false);
  });

  it('list gives every trusted workspace, sorted, and trusting twice keeps one entry', async () => {
    const b = await workspace('b');
    const a = await workspace('a');
    await store.trustWorkspace(b);
    await store.trustWorkspace(a);
    await store.trustWorkspace(b);
    expect(await store.listTrustedWorkspaces()).toEqual([
      { path: a, trustedAt: '2026-01-02T03:04:05.000Z' },
      { path: b, trustedAt: '2026-01-02T03:04:05.000Z' },
    ]);
  });

  it('trusting a folder that does not exist is an error naming it', async () => {
    const missing = path.join(home, 'nope');
    const error = await store.trustWorkspace(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeftError);
    expect((error as WeftError).details).toMatchObject({ code: 'workspace-not-found', file: missing });
    expect((error as WeftError).message).toContain(missing);
    await expect(fs.stat(store.file)).rejects.toThrow();
  });

  it('trusting a file is an error naming it', async () => {
    const file = path.join(home, 'file.txt');
    await fs.writeFile(file, '');
    const error = await store.trustWorkspace(file).catch((e: unknown) => e);
    expect((error as WeftError).details).toMatchObject({ code: 'workspace-not-folder', file });
  });

  it('a workspace that was deleted is no longer trusted, and can still be revoked', async () => {
    const dir = await workspace('proj');
    await store.trustWorkspace(dir);
    await fs.rm(dir, { recursive: true });
    expect(await store.isWorkspaceTrusted(dir)).toBe(false);
    expect(await store.revokeWorkspace(dir)).toBe(true);
    expect(await store.listTrustedWorkspaces()).toEqual([]);
  });
});
