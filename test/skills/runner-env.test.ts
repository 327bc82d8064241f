// The environment of native-command skills is an allowlist, and a skill runs only
// when approved (an edit voids the approval). Real child processes report what they saw.
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { parseSkillFile } from '../../src/skills/parse/index.js';
import { nativeEnv, nativeEnvNames, runNativeSkill, type NativeRunContext } from '../../src/skills/runner/index.js';
import type { ParsedSkill } from '../../src/skills/types.js';

let root = '';
let bin = '';
let workspace = '';
let approvals: ApprovalsStore;
const marker = (): string => path.join(workspace, 'env-dump.started');

const parentEnv = (): NodeJS.ProcessEnv => ({
  PATH: `${bin}:/usr/bin:/bin`,
  HOME: root,
  LANG: 'C.UTF-8',
  TERM: 'xterm',
  OPENAI_API_KEY: 'sk-from-the-user',
  ANTHROPIC_API_KEY: 'sk-held-by-weft',
  AWS_SECRET_ACCESS_KEY: 'not-for-skills',
  LD_PRELOAD: '/tmp/evil.so',
});

async function skill(name: string, requiresEnv: string[]): Promise<ParsedSkill> {
  const dir = path.join(root, 'skills', name);
  mkdirSync(dir, { recursive: true });
  const meta = JSON.stringify({
    openclaw: { requires: { env: requiresEnv } },
    weft: { tool: { input: { type: 'object' }, run: ['env-dump'] } },
  });
  writeFileSync(path.join(dir, 'SKILL.md'), `---\nname: ${name}\ndescription: Test skill ${name}.\nmetadata: ${meta}\n---\n\nBody.\n`);
  const parsed = await parseSkillFile(path.join(dir, 'SKILL.md'));
  expect(parsed.loaded, JSON.stringify(parsed.diagnostics)).toBe(true);
  return parsed;
}

const ctx = (extra: Partial<NativeRunContext> = {}): NativeRunContext => ({ workspace, approvals, env: parentEnv(), ...extra });

async function seen(s: ParsedSkill, extra: Partial<NativeRunContext> = {}): Promise<Record<string, string>> {
  const r = await runNativeSkill(s, {}, ctx(extra));
  if (!r.ok) throw new Error(r.error);
  return JSON.parse(r.content) as Record<string, string>;
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'weft-runner-env-')));
  bin = path.join(root, 'bin');
  workspace = path.join(root, 'ws');
  mkdirSync(bin);
  mkdirSync(workspace);
  approvals = new ApprovalsStore(path.join(root, 'home', 'approvals.json'));
  const file = path.join(bin, 'env-dump');
  writeFileSync(file, `#!${process.execPath}\nrequire('node:fs').writeFileSync('env-dump.started', '');\nprocess.stdout.write(JSON.stringify(process.env));\n`);
  chmodSync(file, 0o755);
});

beforeEach(() => rmSync(marker(), { force: true }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('environment allowlist', () => {
  it('a skill that does not declare OPENAI_API_KEY sees only PATH, HOME, LANG and TERM', async () => {
    const s = await skill('plain', []);
    await approvals.approveSkill(s.dir);
    const env = await seen(s);
    expect(env.OPENAI_API_KEY).toBeUndefined();
    // Exactly the allowlist: nothing inherited from weft's own environment.
    expect(Object.keys(env).sort()).toEqual(['HOME', 'LANG', 'PATH', 'TERM']);
    expect(env).toMatchObject({ PATH: `${bin}:/usr/bin:/bin`, HOME: root, LANG: 'C.UTF-8', TERM: 'xterm' });
  });

  it('a skill declaring OPENAI_API_KEY sees it, only after approval', async () => {
    const s = await skill('declares', ['OPENAI_API_KEY']);
    const r = await runNativeSkill(s, {}, ctx());
    expect(r).toMatchObject({ ok: false, kind: 'approval-required' });
    expect(!r.ok && r.error).toContain('`weft skill approve declares`');
    expect(!r.ok && r.error).toContain('PATH, HOME, LANG, TERM, OPENAI_API_KEY');
    expect(existsSync(marker())).toBe(false);

    await approvals.approveSkill(s.dir);
    const env = await seen(s);
    expect(env.OPENAI_API_KEY).toBe('sk-from-the-user');
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(env.LD_PRELOAD).toBeUndefined();
  });

  it('an approved skill edited afterwards is refused again, until approved again', async () => {
    const s = await skill('edited', ['OPENAI_API_KEY']);
    await approvals.approveSkill(s.dir);
    await seen(s);
    rmSync(marker());
    // Any file in the folder counts, not only SKILL.md.
    writeFileSync(path.join(s.dir, 'helper.txt'), 'new file\n');
    const r = await runNativeSkill(s, {}, ctx());
    expect(r).toMatchObject({ ok: false, kind: 'approval-required' });
    expect(!r.ok && r.error).toMatch(/has changed since it was approved.*`weft skill approve edited`/);
    expect(existsSync(marker())).toBe(false);
    await approvals.approveSkill(s.dir);
    appendFileSync(s.file, '\nMore body.\n');
    expect(await runNativeSkill(s, {}, ctx())).toMatchObject({ ok: false, kind: 'approval-required' });
    expect(existsSync(marker())).toBe(false);
  });

  it('names weft holds for itself are never passed, even when declared and approved', async () => {
    const s = await skill('wants-held', ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);
    await approvals.approveSkill(s.dir);
    const env = await seen(s, { heldByWeft: new Set(['ANTHROPIC_API_KEY']) });
    expect(env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBe('sk-from-the-user');
    // Without the hold, the declared variable from the user's environment is passed.
    expect((await seen(s)).ANTHROPIC_API_KEY).toBe('sk-held-by-weft');
  });

  it('nativeEnv and nativeEnvNames: the allowlist, own properties only, unset names absent', () => {
    const s = { openclaw: { requires: { env: ['OPENAI_API_KEY', 'PATH', 'UNSET_VAR', 'constructor'] } } } as unknown as ParsedSkill;
    expect(nativeEnvNames(s)).toEqual(['PATH', 'HOME', 'LANG', 'TERM', 'OPENAI_API_KEY', 'UNSET_VAR', 'constructor']);
    expect(nativeEnv(s, parentEnv(), new Set(['HOME']))).toEqual({ PATH: `${bin}:/usr/bin:/bin`, LANG: 'C.UTF-8', TERM: 'xterm', OPENAI_API_KEY: 'sk-from-the-user' });
  });
});

describe('PATH handed to a native command', () => {
  it('drops empty and relative entries, so a bare name never resolves inside the workspace', async () => {
    const { absolutePath } = await import('../../src/skills/runner/env.js');
    expect(absolutePath('/usr/bin::.:bin:/bin:./tools')).toBe('/usr/bin:/bin');
  });
});
