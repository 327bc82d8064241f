import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApprovalsStore, withLock } from '../../src/plugin/approvals/index.js';
import { caught, makeWorkspaces } from '../helpers/approvals.js';

let home: string;
let file: string;

beforeEach(async () => {
  home = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'weft-conc-')));
  file = path.join(home, 'clawft', 'approvals.json');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(home, { recursive: true, force: true });
});

const workspaces = (n: number, prefix = 'ws') => makeWorkspaces(home, n, prefix);

describe('concurrency', () => {
  it('concurrent in-process mutations through separate stores lose nothing', async () => {
    const dirs = await workspaces(8);
    const skills = await workspaces(8, 'skill');
    await Promise.all(skills.map((s, i) => fs.writeFile(path.join(s, 'SKILL.md'), `skill ${i}`)));
    await Promise.all([
      ...dirs.map((d) => new ApprovalsStore(file).trustWorkspace(d)),
      ...skills.map((s) => new ApprovalsStore(file).approveSkill(s)),
    ]);
    const data = await new ApprovalsStore(file).read();
    expect(Object.keys(data.workspaces).sort()).toEqual([...dirs].sort());
    expect(Object.keys(data.skills).sort()).toEqual([...skills].sort());
  });

  it('concurrent child processes lose nothing', async () => {
    // Compile the real store for the children (Node 20 cannot run .ts).
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const out = path.join(home, 'build');
    const run = promisify(execFile);
    const entry = path.join(root, 'src/plugin/approvals/index.ts');
    const args = ['--ignoreConfig', '--outDir', out, '--rootDir', path.join(root, 'src')];
    args.push('--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', entry);
    // Type errors elsewhere in the tree must not stop this test: tsc still emits.
    await run(process.execPath, [tsc, ...args], { cwd: root }).catch(() => undefined);
    await fs.access(path.join(out, 'plugin/approvals/index.js'));
    await fs.writeFile(path.join(out, 'package.json'), '{"type":"module"}');
    const script = path.join(out, 'child.mjs');
    await fs.writeFile(script, [
      `import { ApprovalsStore } from './plugin/approvals/index.js';`,
      `const [file, ...dirs] = process.argv.slice(2);`,
      `for (const dir of dirs) await new ApprovalsStore(file).trustWorkspace(dir);`,
    ].join('\n'));
    const children = 8;
    const per = 5;
    const dirs = await workspaces(children * per);
    await Promise.all(
      Array.from({ length: children }, (_, c) =>
        run(process.execPath, [script, file, ...dirs.slice(c * per, (c + 1) * per)]),
      ),
    );
    const listed = (await new ApprovalsStore(file).listTrustedWorkspaces()).map((w) => w.path);
    expect(listed.sort()).toEqual([...dirs].sort());
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['approvals.json']);
  });
});

describe('lock file', () => {
  it('waits for a held lock and proceeds once it is released', async () => {
    const [a] = await workspaces(1);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(`${file}.lock`, 'other');
    let done = false;
    const pending = new ApprovalsStore(file).trustWorkspace(a as string).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    await fs.rm(`${file}.lock`);
    await pending;
    expect(await new ApprovalsStore(file).isWorkspaceTrusted(a as string)).toBe(true);
  });

  it('removes a stale lock left by a crashed process', async () => {
    const [a] = await workspaces(1);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(`${file}.lock`, '99999 crashed');
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(`${file}.lock`, old, old);
    await new ApprovalsStore(file).trustWorkspace(a as string);
    expect(await new ApprovalsStore(file).isWorkspaceTrusted(a as string)).toBe(true);
    await expect(fs.stat(`${file}.lock`)).rejects.toThrow();
  });

  it('gives up on a live lock with an error naming it', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(`${file}.lock`, 'other');
    const fn = vi.fn(async () => 1);
    const error = await caught(withLock(file, fn, { timeoutMs: 100 }));
    expect(error.details).toMatchObject({ code: 'locked', file: `${file}.lock` });
    expect(fn).not.toHaveBeenCalled();
  });
});
