/**
 * read-file / write-file, tested by attack: every refusal leaves the file
 * tree byte-identical and exactly one audit record with allowed: false.
 */
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultResourceLimits } from '../../src/plugin/manifest/limits.js';
import type { FilesystemPermission } from '../../src/plugin/manifest/types.js';
import { createMemoryAuditSink, type MemoryAuditSink } from '../../src/sandbox/audit/index.js';
import { createHost, type HostContext, type HostResult } from '../../src/sandbox/host/index.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';

useConnectionGuard();

const SECRET = 'TOP SECRET outside the grant';
const MiB = 1024 * 1024;
let root: string;
let home: string;
let ws: string;
let outside: string;
let audit: MemoryAuditSink;

beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'weft-host-fs-')));
  home = path.join(root, 'home');
  ws = path.join(home, 'work', 'ws');
  outside = path.join(root, 'outside');
  for (const d of [ws, path.join(ws, 'sub'), path.join(home, 'docs'), path.join(home, '.clawft'), path.join(outside, 'sub')]) mkdirSync(d, { recursive: true });
  writeFileSync(path.join(ws, 'a.txt'), 'inside a');
  writeFileSync(path.join(ws, 'sub', 'file.txt'), 'inside sub');
  writeFileSync(path.join(home, 'docs', 'readme.md'), 'docs readme');
  writeFileSync(path.join(home, '.clawft', 'approvals.json'), '{"trusted":true}');
  writeFileSync(path.join(outside, 'secret.txt'), SECRET);
  writeFileSync(path.join(outside, 'sub', 'file.txt'), SECRET);
  audit = createMemoryAuditSink();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function host(filesystem: FilesystemPermission[] = [{ path: '$WORKSPACE', access: 'write' }, { path: '~/docs', access: 'read' }], over: Partial<HostContext> = {}) {
  return createHost({
    pluginId: 'fs-test', granted: { network: [], filesystem, env_vars: [], shell: false }, limits: defaultResourceLimits(),
    workspace: ws, home, audit, ...over,
  });
}

/** Every entry under root: type, bytes or link target, mode. */
function snapshot(dir = root): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      const key = path.relative(root, p);
      if (st.isSymbolicLink()) out[key] = `link ${readlinkSync(p)}`;
      else if (st.isDirectory()) { out[key] = `dir ${st.mode}`; walk(p); }
      else if (st.isFile()) out[key] = `file ${st.mode} ${readFileSync(p).toString('base64')}`;
      else out[key] = `other ${st.mode}`; // a FIFO: reading it would block
    }
  };
  walk(dir);
  return out;
}

const text = (r: HostResult) => (r.ok && r.value instanceof Uint8Array ? Buffer.from(r.value).toString() : undefined);
const bytes = (s: string) => new TextEncoder().encode(s);

/** The attack must be refused, change nothing on disk, and leave one allowed:false record. */
async function expectRefused(run: () => Promise<HostResult>, pattern?: RegExp): Promise<string> {
  const before = snapshot();
  const entries = audit.entries.length;
  const result = await run();
  expect(result.ok, JSON.stringify(result)).toBe(false);
  const error = result.ok ? '' : result.error;
  if (pattern) expect(error).toMatch(pattern);
  expect(error).not.toContain(SECRET);
  expect(snapshot()).toEqual(before);
  expect(audit.entries.length).toBe(entries + 1);
  expect(audit.entries.at(-1)).toMatchObject({ allowed: false, reason: error, plugin: 'fs-test' });
  return error;
}

describe('allowed file access', () => {
  it('reads granted files in all three path forms, and audits each read', async () => {
    const h = host();
    expect(text(await h({ fn: 'read-file', path: '$WORKSPACE/a.txt' }))).toBe('inside a');
    expect(text(await h({ fn: 'read-file', path: '~/docs/readme.md' }))).toBe('docs readme');
    expect(text(await h({ fn: 'read-file', path: path.join(ws, 'sub', 'file.txt') }))).toBe('inside sub');
    expect(text(await h({ fn: 'read-file', path: '$WORKSPACE//sub/./file.txt' }))).toBe('inside sub');
    expect(audit.entries.map((e) => [e.fn, e.target, e.allowed])).toEqual([
      ['read-file', '$WORKSPACE/a.txt', true], ['read-file', '~/docs/readme.md', true],
      ['read-file', path.join(ws, 'sub', 'file.txt'), true], ['read-file', '$WORKSPACE//sub/./file.txt', true],
    ]);
    expect(audit.entries[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('writes atomically (no temp file left), replaces, keeps the mode, and write implies read', async () => {
    const h = host();
    expect(await h({ fn: 'write-file', path: '$WORKSPACE/out.txt', contents: bytes('one') })).toEqual({ ok: true, value: null });
    chmodSync(path.join(ws, 'out.txt'), 0o600);
    expect(await h({ fn: 'write-file', path: '$WORKSPACE/out.txt', contents: bytes('two') })).toEqual({ ok: true, value: null });
    expect(text(await h({ fn: 'read-file', path: '$WORKSPACE/out.txt' }))).toBe('two');
    expect(statSync(path.join(ws, 'out.txt')).mode & 0o777).toBe(0o600);
    expect(readdirSync(ws).filter((n) => n.includes('weft'))).toEqual([]);
    expect(await h({ fn: 'write-file', path: '$WORKSPACE/empty', contents: new Uint8Array(0) })).toEqual({ ok: true, value: null });
  });

  it('follows a symlink that stays inside the grants', async () => {
    symlinkSync(path.join(ws, 'a.txt'), path.join(ws, 'alias.txt'));
    expect(text(await host()({ fn: 'read-file', path: '$WORKSPACE/alias.txt' }))).toBe('inside a');
  });

  it('reads exactly 8 MiB and writes exactly 4 MiB', async () => {
    writeFileSync(path.join(ws, 'big.bin'), Buffer.alloc(8 * MiB, 7));
    const h = host();
    const r = await h({ fn: 'read-file', path: '$WORKSPACE/big.bin' });
    expect(r.ok && (r.value as Uint8Array).byteLength).toBe(8 * MiB);
    expect((await h({ fn: 'write-file', path: '$WORKSPACE/w.bin', contents: new Uint8Array(4 * MiB) })).ok).toBe(true);
  });
});

describe('refused file access', () => {
  it('refuses traversal with ".." in every form', async () => {
    writeFileSync(path.join(ws, '..', 'x'), 'next to the workspace');
    const h = host([{ path: '$WORKSPACE', access: 'write' }, { path: '~', access: 'read' }]);
    for (const p of ['$WORKSPACE/../x', '~/a/../../etc/passwd', '~/docs/../../outside/secret.txt', '$WORKSPACE/sub/../../../../outside/secret.txt', `${ws}/../x`]) {
      await expectRefused(() => h({ fn: 'read-file', path: p }), /"\.\."/);
      await expectRefused(() => h({ fn: 'write-file', path: p, contents: bytes('pwned') }), /"\.\."/);
    }
  });

  it('refuses absolute paths outside the grants', async () => {
    const h = host();
    for (const p of ['/etc/passwd', path.join(outside, 'secret.txt'), path.join(home, 'other.txt'), '/', `${ws}-sibling/x`]) {
      await expectRefused(() => h({ fn: 'read-file', path: p }), /outside the paths/);
    }
    await expectRefused(() => h({ fn: 'write-file', path: path.join(outside, 'new.txt'), contents: bytes('x') }), /outside the paths/);
  });

  it('refuses relative paths, other variables, ~user and NUL bytes', async () => {
    const h = host();
    for (const p of ['a.txt', './a.txt', 'sub/file.txt', '', '$HOME/x', '$WORKSPACEX/a.txt', '~root/.ssh/id_rsa']) {
      await expectRefused(() => h({ fn: 'read-file', path: p }), /relative|empty/);
    }
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/a.txt\0.png' }), /NUL/);
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/n\0x', contents: bytes('x') }), /NUL/);
  });

  it('refuses $WORKSPACE when there is no workspace, even with a ~ grant covering it', async () => {
    const h = host([{ path: '$WORKSPACE', access: 'write' }, { path: '~/work', access: 'read' }], { workspace: null });
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/a.txt' }), /no workspace|none/);
    expect(text(await h({ fn: 'read-file', path: '~/work/ws/a.txt' }))).toBe('inside a');
    await expectRefused(() => h({ fn: 'write-file', path: '~/work/ws/a.txt', contents: bytes('x') }), /outside the paths this plugin may write/);
  });

  it('refuses writes to a read-only grant (read stays allowed)', async () => {
    const h = host();
    await expectRefused(() => h({ fn: 'write-file', path: '~/docs/readme.md', contents: bytes('overwritten') }), /may write/);
    await expectRefused(() => h({ fn: 'write-file', path: '~/docs/new.md', contents: bytes('new') }), /may write/);
  });

  it('refuses symlinks pointing out: as the file and as a folder component', async () => {
    symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link-file'));
    symlinkSync(outside, path.join(ws, 'link-dir'));
    symlinkSync('../../../outside/secret.txt', path.join(ws, 'relative-link'));
    const h = host();
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/link-file' }), /symbolic link/);
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/relative-link' }), /symbolic link/);
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/link-dir/secret.txt' }), /symbolic link/);
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/link-dir/planted.txt', contents: bytes('x') }), /symbolic link/);
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/link-dir/secret.txt', contents: bytes('x') }), /symbolic link/);
    // No existence oracle outside: a missing file there reads the same as an existing one.
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/link-dir/missing.txt' }), /leads outside/);
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/link-dir/no/such/dir.txt' }), /leads outside/);
    symlinkSync(path.join(outside, 'gone.txt'), path.join(ws, 'dangling'));
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/dangling' }), /symbolic link/);
  });

  it('refuses writing through a symlinked target, even one pointing inside', async () => {
    writeFileSync(path.join(outside, 'target.txt'), 'outside target');
    symlinkSync(path.join(outside, 'target.txt'), path.join(ws, 'out-link'));
    symlinkSync(path.join(ws, 'a.txt'), path.join(ws, 'in-link'));
    const h = host();
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/out-link', contents: bytes('pwned') }), /symbolic link/);
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/in-link', contents: bytes('x') }), /symbolic link/);
  });

  it('refuses oversize reads (8 MiB + 1) and writes (4 MiB + 1)', async () => {
    writeFileSync(path.join(ws, 'huge.bin'), Buffer.alloc(8 * MiB + 1));
    const h = host();
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/huge.bin' }), /8 MiB/);
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/w.bin', contents: new Uint8Array(4 * MiB + 1) }), /4 MiB/);
  });

  it('refuses folders, FIFOs and missing parents', async () => {
    execFileSync('mkfifo', [path.join(ws, 'fifo')]);
    const h = host();
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/sub' }), /not a regular file|folder/);
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/fifo' }), /not a regular file/);
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/fifo', contents: bytes('x') }), /not a regular file/);
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/sub', contents: bytes('x') }), /not a regular file/);
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/no/such/dir.txt', contents: bytes('x') }), /does not exist/);
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/missing.txt' }), /does not exist/);
  });

  it("never opens weft's own process files, even under a / grant", async () => {
    const h = host([{ path: '/', access: 'read' }]);
    for (const p of ['/proc/self/environ', `/proc/${process.pid}/environ`, '/proc/thread-self/environ', `/proc/${process.pid}/mem`]) {
      await expectRefused(() => h({ fn: 'read-file', path: p }), /weft's own files/);
    }
    symlinkSync('/proc/self', path.join(ws, 'me'));
    await expectRefused(() => h({ fn: 'read-file', path: path.join(ws, 'me', 'environ') }), /weft's own files/);
  });

  it("never opens weft's own folder, even under a ~ write grant or through a link", async () => {
    symlinkSync(path.join(home, '.clawft'), path.join(ws, 'cfg'));
    const h = host([{ path: '~', access: 'write' }]);
    await expectRefused(() => h({ fn: 'read-file', path: '~/.clawft/approvals.json' }), /weft's own files/);
    await expectRefused(() => h({ fn: 'write-file', path: '~/.clawft/approvals.json', contents: bytes('{}') }), /weft's own files/);
    await expectRefused(() => h({ fn: 'read-file', path: '$WORKSPACE/cfg/approvals.json' }), /weft's own files/);
    await expectRefused(() => h({ fn: 'write-file', path: '$WORKSPACE/cfg/approvals.json', contents: bytes('{}') }), /weft's own files/);
  });

  it('survives malformed calls without throwing', async () => {
    const h = host();
    const calls = [{ fn: 'read-file', path: 42 }, { fn: 'write-file', path: '$WORKSPACE/x', contents: 'text' }, { fn: 'nope' }, null];
    for (const call of calls) {
      const r = await h(call as never);
      expect(r.ok).toBe(false);
    }
    expect(existsIn(ws, 'x')).toBe(false);
  });
});

function existsIn(dir: string, name: string): boolean {
  return readdirSync(dir).includes(name);
}

describe('symlink swapped in between check and open', () => {
  /** Replaces `ws/sub` by a link to `outside/sub`; returns how to undo it. */
  const swapDir = () => {
    renameSync(path.join(ws, 'sub'), path.join(ws, 'sub.real'));
    symlinkSync(path.join(outside, 'sub'), path.join(ws, 'sub'));
  };

  it('refuses a read when a folder component is swapped for a link', async () => {
    const h = host(undefined, { hooks: { beforeOpen: swapDir } });
    const error = await refusedWithoutSnapshot(() => h({ fn: 'read-file', path: '$WORKSPACE/sub/file.txt' }));
    expect(error).toMatch(/replaced|symbolic link/);
  });

  it('refuses a read when the file itself is swapped for a link', async () => {
    const h = host(undefined, { hooks: { beforeOpen: () => { unlinkSync(path.join(ws, 'a.txt')); symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'a.txt')); } } });
    expect(await refusedWithoutSnapshot(() => h({ fn: 'read-file', path: '$WORKSPACE/a.txt' }))).toMatch(/symbolic link|replaced/);
  });

  it('refuses a write when the folder or the target is swapped for a link, and nothing lands outside', async () => {
    const before = snapshot(outside);
    const h1 = host(undefined, { hooks: { beforeOpen: swapDir } });
    await refusedWithoutSnapshot(() => h1({ fn: 'write-file', path: '$WORKSPACE/sub/file.txt', contents: bytes('pwned') }));
    const h2 = host(undefined, { hooks: { beforeOpen: () => { unlinkSync(path.join(ws, 'a.txt')); symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'a.txt')); } } });
    await refusedWithoutSnapshot(() => h2({ fn: 'write-file', path: '$WORKSPACE/a.txt', contents: bytes('pwned') }));
    expect(snapshot(outside)).toEqual(before);
  });

  async function refusedWithoutSnapshot(run: () => Promise<HostResult>): Promise<string> {
    const n = audit.entries.length;
    const r = await run();
    expect(r.ok).toBe(false);
    expect(text(r)).toBeUndefined();
    expect(audit.entries.length).toBe(n + 1);
    expect(audit.entries.at(-1)!.allowed).toBe(false);
    return r.ok ? '' : r.error;
  }

  it('1,000 concurrent reads, each swapping via the hook while the loop swaps back: 0 escapes', async () => {
    const sub = path.join(ws, 'sub');
    const swapped = () => lstatSync(sub).isSymbolicLink();
    const swapIn = () => { try { if (!swapped()) swapDir(); } catch { /* mid-swap */ } };
    const swapBack = () => { try { if (swapped()) { unlinkSync(sub); renameSync(`${sub}.real`, sub); } } catch { /* mid-swap */ } };
    let running = true;
    const restorer = () => { swapBack(); if (running) setImmediate(restorer); };
    setImmediate(restorer);
    const h = host(undefined, { hooks: { beforeOpen: swapIn } });
    const results = await Promise.all(Array.from({ length: 1000 }, () => h({ fn: 'read-file', path: '$WORKSPACE/sub/file.txt' })));
    running = false;
    swapBack();
    expect(results.filter((r) => text(r) === SECRET)).toHaveLength(0);
    // How many reads meet a swapped link depends on scheduling (the single-swap
    // tests above force it); what must never happen is an escape.
    expect(audit.entries).toHaveLength(1000);
    expect(audit.entries.filter((e) => !e.allowed)).toHaveLength(results.filter((r) => !r.ok).length);
  });

  it('1,000 concurrent reads and writes against a racing process swapping links: 0 escapes', async () => {
    const before = snapshot(outside);
    const racer = spawn(process.execPath, ['-e', RACER, ws, outside], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => racer.stdout!.once('data', () => resolve()));
      const h = host();
      const reads = Array.from({ length: 1000 }, (_, i) => h({ fn: 'read-file', path: i % 2 ? '$WORKSPACE/sub/file.txt' : '$WORKSPACE/a.txt' }));
      const writes = Array.from({ length: 1000 }, (_, i) => h({ fn: 'write-file', path: i % 2 ? '$WORKSPACE/sub/file.txt' : '$WORKSPACE/sub/new.txt', contents: bytes('written by plugin') }));
      const results = await Promise.all([...reads, ...writes]);
      expect(results.filter((r) => text(r) === SECRET)).toHaveLength(0);
    } finally {
      racer.kill('SIGKILL');
      await new Promise((resolve) => racer.once('exit', resolve));
    }
    expect(snapshot(outside)).toEqual(before);
  });
});

// Swaps ws/sub and ws/a.txt for links to outside and back, as fast as it can.
const RACER = `
const fs = require('fs'); const path = require('path');
const [ws, out] = process.argv.slice(1);
const sub = path.join(ws, 'sub'), a = path.join(ws, 'a.txt');
process.stdout.write('ready\\n');
for (;;) {
  try { fs.renameSync(sub, sub + '.real'); fs.symlinkSync(path.join(out, 'sub'), sub); } catch {}
  try { fs.renameSync(a, a + '.real'); fs.symlinkSync(path.join(out, 'secret.txt'), a); } catch {}
  try { fs.unlinkSync(sub); fs.renameSync(sub + '.real', sub); } catch {}
  try { fs.unlinkSync(a); fs.renameSync(a + '.real', a); } catch {}
}
`;
