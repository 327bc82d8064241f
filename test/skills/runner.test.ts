// Native-command skills run for real: argv arrives literally, schema and kernel
// limits are refused before anything runs, output is capped, cwd is the workspace,
// and the bundled git-summary skill runs git log. Timing tests: test/serial/skill-runner-time.test.ts.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { parseSkillFile } from '../../src/skills/parse/index.js';
import { expandArgv, MAX_ARG_BYTES, OUTPUT_CAP_BYTES, runNativeSkill, type NativeRunContext } from '../../src/skills/runner/index.js';
import type { ParsedSkill } from '../../src/skills/types.js';
import { repoRoot } from '../helpers/run-weft.js';

let root = '';
let bin = '';
let workspace = '';
let approvals: ApprovalsStore;
const env = (): NodeJS.ProcessEnv => ({ PATH: `${bin}:/usr/bin:/bin`, HOME: root, LANG: 'C.UTF-8', TERM: 'dumb' });

/** An executable node script in `bin`; it writes `<name>.started` in its cwd first, so tests can tell it never ran. */
function script(name: string, body: string): void {
  const file = path.join(bin, name);
  writeFileSync(file, `#!${process.execPath}\nrequire('node:fs').writeFileSync('${name}.started', '');\n${body}\n`);
  chmodSync(file, 0o755);
}

async function skill(name: string, tool: unknown): Promise<ParsedSkill> {
  const dir = path.join(root, 'skills', name);
  mkdirSync(dir, { recursive: true });
  const meta = JSON.stringify({ weft: { tool } });
  writeFileSync(path.join(dir, 'SKILL.md'), `---\nname: ${name}\ndescription: Test skill ${name}.\nmetadata: ${meta}\n---\n\nBody.\n`);
  const parsed = await parseSkillFile(path.join(dir, 'SKILL.md'));
  expect(parsed.loaded, JSON.stringify(parsed.diagnostics)).toBe(true);
  await approvals.approveSkill(dir);
  return parsed;
}

const ctx = (extra: Partial<NativeRunContext> = {}): NativeRunContext => ({ workspace, approvals, env: env(), ...extra });
const started = (name: string): boolean => existsSync(path.join(workspace, `${name}.started`));

let echo: ParsedSkill;
let typed: ParsedSkill;

beforeAll(async () => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'weft-runner-')));
  bin = path.join(root, 'bin');
  workspace = path.join(root, 'ws');
  mkdirSync(bin);
  mkdirSync(workspace);
  approvals = new ApprovalsStore(path.join(root, 'home', 'approvals.json'));
  script('argv-dump', 'process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));');
  script('fail-loud', "process.stderr.write('boom: it broke\\n'); process.exit(3);");
  // 3 MiB in 64 KiB writes, paced so the cap is hit long before the end; "finished" marks completion.
  script('flood', `const fs = require('node:fs'); let n = 0; const chunk = 'x'.repeat(65536);
function next() { if (n++ === 48) { fs.writeFileSync('flood.finished', ''); return; } process.stdout.write(chunk, () => setTimeout(next, 10)); }
next();`);
  echo = await skill('echo', { input: { type: 'object', properties: { value: { type: 'string' } }, required: ['value'] }, run: ['argv-dump', '{value}'] });
  typed = await skill('typed', {
    input: { type: 'object', properties: { n: { type: 'integer' }, b: { type: 'boolean' }, any: {}, opt: { type: 'string' }, d: { type: 'string', default: 'dflt' } } },
    run: ['argv-dump', '-n', '{n}', '{b}', '{d}', '--', '{any}'],
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function argvOf(value: unknown): Promise<string[]> {
  const r = await runNativeSkill(echo, { value }, ctx());
  if (!r.ok) throw new Error(r.error);
  return (JSON.parse(r.content) as { argv: string[] }).argv;
}

describe('argv', () => {
  const hostile = ['; rm -rf ~', '$(touch x)', '`touch y`', '--help', '-rf', '*', '~', '$HOME', 'a b', ' "quoted" \'single\' ', 'line1\nline2\r\n\t', 'ünïcødé 日本語 🎉', '', '\\', '|| true &&', '> out.txt'];

  it.each(hostile)('%j arrives as one literal argv element', async (value) => {
    expect(await argvOf(value)).toEqual([value]);
  });

  it('nothing is shell-interpreted: no file x, y or out.txt appears in the workspace', async () => {
    for (const v of ['$(touch x)', '`touch y`', '> out.txt']) await argvOf(v);
    for (const f of ['x', 'y', 'out.txt']) expect(existsSync(path.join(workspace, f))).toBe(false);
  });

  it('a value at the 128 KiB limit arrives byte for byte', async () => {
    const big = 'é'.repeat((MAX_ARG_BYTES - 1) / 2) + 'a';
    expect(Buffer.byteLength(big)).toBe(MAX_ARG_BYTES);
    expect(await argvOf(big)).toEqual([big]);
  });

  it('a 2 MB string is refused with the parameter and the limit named, before anything runs', async () => {
    rmSync(path.join(workspace, 'argv-dump.started'), { force: true });
    const r = await runNativeSkill(echo, { value: 'A'.repeat(2_000_000) }, ctx());
    expect(r).toMatchObject({ ok: false, kind: 'invalid-arguments' });
    expect(!r.ok && r.error).toMatch(/"value" is 2000000 bytes.*128 KiB/);
    expect(started('argv-dump')).toBe(false);
  });

  it.each([
    ['a NUL byte', { value: 'a\0b' }, /"value" contains a NUL byte/],
    ['an unpaired surrogate', { value: 'a\uD800b' }, /"value" contains an unpaired/],
    ['a wrong type', { value: 5 }, /\/value must be string/],
    ['a missing required parameter', {}, /must have required property 'value'/],
  ])('%s is refused before anything runs', async (_what, args, message) => {
    rmSync(path.join(workspace, 'argv-dump.started'), { force: true });
    const r = await runNativeSkill(echo, args, ctx());
    expect(r).toMatchObject({ ok: false, kind: 'invalid-arguments' });
    expect(!r.ok && r.error).toMatch(message);
    expect(started('argv-dump')).toBe(false);
  });

  it('stringifies numbers and booleans, fills defaults, refuses null and missing values by name', () => {
    const { run, input } = typed.weftTool as { run: string[]; input: Record<string, unknown> };
    expect(expandArgv(run, input, { n: 7, b: false, any: '-x' })).toEqual(['argv-dump', '-n', '7', 'false', 'dflt', '--', '-x']);
    expect(() => expandArgv(run, input, { n: 7, b: true, any: null })).toThrow(/"any" is null/);
    expect(() => expandArgv(run, input, { n: 7, b: true, any: { a: 1 } })).toThrow(/"any" is an object/);
    expect(() => expandArgv(run, input, { n: 7, any: 'z' })).toThrow(/parameter "b" has no value/);
    // The caller's object is not touched by default-filling.
    const args = { n: 1, b: true, any: 'z' };
    expandArgv(run, input, args);
    expect(args).toEqual({ n: 1, b: true, any: 'z' });
  });

  it('refuses a command line over 1 MiB in all, although each value fits', () => {
    const names = Array.from({ length: 10 }, (_, i) => `p${i}`);
    const input = { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) };
    const args = Object.fromEntries(names.map((n) => [n, 'v'.repeat(120 * 1024)]));
    expect(() => expandArgv(['cmd', ...names.map((n) => `{${n}}`)], input, args)).toThrow(/the limit is 1048576 bytes \(1 MiB\) in all/);
  });
});

describe('running', () => {
  it('runs in the workspace', async () => {
    const r = await runNativeSkill(echo, { value: 'cwd' }, ctx());
    expect(r.ok && JSON.parse(r.content).cwd).toBe(workspace);
  });

  it('a non-zero exit is an error with the code and the tail of stderr', async () => {
    const s = await skill('loud', { input: { type: 'object' }, run: ['fail-loud'] });
    expect(await runNativeSkill(s, {}, ctx())).toEqual({ ok: false, kind: 'error', error: 'fail-loud exited with code 3: boom: it broke' });
  });

  it('a command not on PATH is named as such', async () => {
    const s = await skill('missing', { input: { type: 'object' }, run: ['weft-no-such-command-xyz'] });
    const r = await runNativeSkill(s, {}, ctx());
    expect(r).toMatchObject({ ok: false, kind: 'error' });
    expect(!r.ok && r.error).toMatch(/"weft-no-such-command-xyz" was not found: it is not on PATH/);
  });

  it('output is capped at 1 MiB with a notice, and the command is stopped', async () => {
    const s = await skill('flood', { input: { type: 'object' }, run: ['flood'] });
    const t0 = Date.now();
    const r = await runNativeSkill(s, {}, ctx());
    expect(Date.now() - t0).toBeLessThan(5_000);
    if (!r.ok) throw new Error(r.error);
    expect(r.truncated).toBe(true);
    const notice = '\n[output truncated: flood printed more than 1 MiB and was stopped]';
    expect(r.content.endsWith(notice)).toBe(true);
    expect(r.content.length - notice.length).toBe(OUTPUT_CAP_BYTES);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(existsSync(path.join(workspace, 'flood.finished'))).toBe(false);
  });

  it('a workspace that does not exist is refused before anything runs', async () => {
    const r = await runNativeSkill(echo, { value: 'a' }, ctx({ workspace: path.join(root, 'nope') }));
    expect(r).toMatchObject({ ok: false, kind: 'error' });
    expect(!r.ok && r.error).toMatch(/is not an existing folder/);
  });
});

describe('the bundled git-summary skill', () => {
  it('runs git log in the workspace: 3 commits, 3 lines, no approval needed', async () => {
    const git = await execa('git', ['--version'], { reject: false });
    if (git.failed) throw new Error('git is not installed: the git-summary test needs git on PATH');
    const repo = path.join(root, 'repo');
    mkdirSync(repo);
    const id = ['-c', 'user.name=Tess Ter', '-c', 'user.email=tess@example.com', '-c', 'commit.gpgsign=false'];
    await execa('git', ['init', '-q'], { cwd: repo });
    for (const msg of ['first', 'second', 'third']) await execa('git', [...id, 'commit', '-q', '--allow-empty', '-m', msg], { cwd: repo });
    const s = await parseSkillFile(path.join(repoRoot, 'skills/git-summary/SKILL.md'));
    expect(s.weftTool?.kind).toBe('native');
    const empty = new ApprovalsStore(path.join(root, 'other-home', 'approvals.json'));
    const gitEnv = { ...env(), PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const r = await runNativeSkill(s, {}, { workspace: repo, approvals: empty, env: gitEnv, bundled: true });
    if (!r.ok) throw new Error(r.error);
    const lines = r.content.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.replace(/^\w+ \d{4}-\d\d-\d\d /, ''))).toEqual(['Tess Ter: third', 'Tess Ter: second', 'Tess Ter: first']);
    const two = await runNativeSkill(s, { count: 2 }, { workspace: repo, approvals: empty, env: gitEnv, bundled: true });
    expect(two.ok && two.content.trim().split('\n')).toHaveLength(2);
    // The same skill, not bundled, is not approved in an empty store.
    expect(await runNativeSkill(s, {}, { workspace: repo, approvals: empty, env: gitEnv })).toMatchObject({ ok: false, kind: 'approval-required' });
  });
});
