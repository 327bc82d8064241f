import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { runJson, runWeft } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

let t: TempHome;
let src: string;
beforeEach(() => { t = makeTempHome(); src = path.join(t.root, 'src'); mkdirSync(src); });
afterEach(() => t.cleanup());
const run = (args: string[]) => runWeft(args, { cwd: t.project, env: t.env });
const managed = () => path.join(t.clawftHome, 'skills');

const NATIVE = `metadata: { "weft": { "tool": { "input": { "type": "object", "properties": {} }, "run": ["true"] } } }`;

describe('weft skill install / remove', () => {
  it('installs a valid skill under its name, and lists it as managed', () => {
    writeSkill(src, 'hello', { name: 'hello' });
    writeFileSync(path.join(src, 'hello', 'notes.txt'), 'extra file');
    const r = run(['skill', 'install', path.join(src, 'hello')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(managed(), 'hello', 'notes.txt'), 'utf8')).toBe('extra file');
    const list = runJson<{ data: { skills: Array<{ name: string; level: string; active: boolean }> } }>(['skill', 'list'], { cwd: t.project, env: t.env });
    expect(list.json.data.skills.filter((s) => s.level === 'managed').map((s) => [s.name, s.active])).toEqual([['hello', true]]);
  });

  it('refuses an invalid skill with its diagnostics, writing nothing', () => {
    mkdirSync(path.join(src, 'bad'));
    writeFileSync(path.join(src, 'bad', 'SKILL.md'), '---\nname: bad\n---\nno description\n');
    const r = run(['skill', 'install', path.join(src, 'bad')]);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stderr).toContain('no-description');
    expect(existsSync(path.join(managed(), 'bad'))).toBe(false);
  });

  it('refuses a name that is not a safe folder name', () => {
    writeSkill(src, 'x', { name: 'Docker Manager' });
    const r = run(['skill', 'install', path.join(src, 'x')]);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stderr).toContain('"Docker Manager" cannot be a folder name');
  });

  it('refuses to overwrite without --force, naming --force; --force replaces', () => {
    writeSkill(src, 'hello', { name: 'hello', description: 'first' });
    expect(run(['skill', 'install', path.join(src, 'hello')]).code).toBe(0);
    writeSkill(src, 'hello', { name: 'hello', description: 'second' });
    const again = run(['skill', 'install', path.join(src, 'hello')]);
    expect(again.code).toBe(ExitCode.error);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(path.join(managed(), 'hello', 'SKILL.md'), 'utf8')).toContain('first');
    expect(run(['skill', 'install', path.join(src, 'hello'), '--force']).code).toBe(0);
    expect(readFileSync(path.join(managed(), 'hello', 'SKILL.md'), 'utf8')).toContain('second');
    expect(readdirSync(managed()).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('never follows a link out of the source', () => {
    writeSkill(src, 'linky', { name: 'linky' });
    writeFileSync(path.join(t.root, 'secret'), 'do not copy');
    symlinkSync(path.join(t.root, 'secret'), path.join(src, 'linky', 'secret'));
    const r = run(['skill', 'install', path.join(src, 'linky')]);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stderr).toContain('is a link to');
    expect(existsSync(path.join(managed(), 'linky'))).toBe(false);
    expect(readdirSync(managed()).filter((n) => n.startsWith('.tmp'))).toEqual([]);
  });

  it('a native-command skill needs approval: exit 3 without a terminal, approved with --yes', async () => {
    writeSkill(src, 'runner', { name: 'runner', extra: NATIVE });
    const r = run(['skill', 'install', path.join(src, 'runner')]);
    expect(r.code).toBe(ExitCode.approvalRequired);
    expect(r.stderr).toContain('--yes');
    expect(existsSync(path.join(managed(), 'runner'))).toBe(false);
    expect(run(['skill', 'install', path.join(src, 'runner'), '--yes']).code).toBe(0);
    const status = await new ApprovalsStore(t.paths().approvalsFile).skillStatus(path.join(managed(), 'runner'));
    expect(status.approved).toBe(true);
  });

  it('names an untrusted workspace skill and exits 6 when asked for it', () => {
    writeSkill(path.join(t.project, '.clawft', 'skills'), 'local', { name: 'local' });
    const r = run(['skill', 'show', 'local']);
    expect(r.code).toBe(ExitCode.untrustedWorkspace);
    expect(r.stderr).toContain(`weft trust ${t.project}`);
    expect(run(['trust']).code).toBe(0);
    expect(run(['skill', 'show', 'local']).code).toBe(0);
  });

  it('an empty workspace gets no trust notice from skill list', () => {
    const r = run(['skill', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/trust/i);
  });

  it('refuses to install a folder that contains weft\'s home, and a corrupt approvals store stops before copying', () => {
    writeSkill(t.home, 'wrapper', { name: 'wrapper' });
    mkdirSync(path.join(t.clawftHome, 'skills'), { recursive: true });
    const inside = run(['skill', 'install', t.home]);
    expect(inside.code).toBe(ExitCode.error);
    writeSkill(src, 'runner', { name: 'runner', extra: NATIVE });
    writeFileSync(path.join(t.clawftHome, 'approvals.json'), '{ broken');
    const r = run(['skill', 'install', path.join(src, 'runner'), '--yes']);
    expect(r.code).toBe(ExitCode.error);
    expect(r.stderr).toContain('approvals.json');
    expect(existsSync(path.join(managed(), 'runner'))).toBe(false);
  });

  it('skill approve / revoke: exit 3 without a terminal, --yes approves, an edit voids it, revoke takes it back', async () => {
    writeSkill(src, 'runner', { name: 'runner', extra: NATIVE });
    expect(run(['skill', 'install', path.join(src, 'runner'), '--yes']).code).toBe(0);
    const store = new ApprovalsStore(t.paths().approvalsFile);
    const dir = path.join(managed(), 'runner');
    writeFileSync(path.join(dir, 'notes.md'), 'an edit');
    expect((await store.skillStatus(dir)).approved).toBe(false);
    const nobody = run(['skill', 'approve', 'runner']);
    expect(nobody.code).toBe(ExitCode.approvalRequired);
    expect(nobody.stderr).toContain('weft skill approve runner');
    expect(run(['skill', 'approve', 'runner', '--yes']).code).toBe(0);
    expect((await store.skillStatus(dir)).approved).toBe(true);
    expect(run(['skill', 'show', 'runner']).stdout).toContain('approval: approved');
    expect(run(['skill', 'revoke', 'runner']).code).toBe(0);
    expect((await store.skillStatus(dir)).approved).toBe(false);
    expect(run(['skill', 'approve', 'git-summary']).stdout).toContain('needs no approval');
  });

  it('remove deletes a managed skill and refuses anything that is not one name', () => {
    writeSkill(src, 'hello', { name: 'hello' });
    run(['skill', 'install', path.join(src, 'hello')]);
    for (const bad of ['../x', '..', '/etc', 'a/b', '.trash-x']) expect(run(['skill', 'remove', bad]).code).toBe(ExitCode.error);
    expect(run(['skill', 'remove', 'nothere']).code).toBe(ExitCode.error);
    expect(run(['skill', 'remove', 'hello']).code).toBe(0);
    expect(existsSync(path.join(managed(), 'hello'))).toBe(false);
    expect(readdirSync(managed())).toEqual([]);
  });

  it('start-up recovery puts back a skill whose replacement was interrupted, then cleans up', () => {
    writeSkill(managed(), '.trash-hello-0123abcd', { name: 'hello', description: 'old' });
    writeSkill(managed(), '.tmp-hello-89abcdef', { name: 'hello', description: 'half-copied' });
    mkdirSync(path.join(managed(), '.trash-gone-00000000'));
    writeSkill(managed(), 'gone', { name: 'gone' });
    expect(run(['skill', 'list']).code).toBe(0);
    expect(readFileSync(path.join(managed(), 'hello', 'SKILL.md'), 'utf8')).toContain('old');
    expect(readdirSync(managed()).sort()).toEqual(['gone', 'hello']);
  });
});
