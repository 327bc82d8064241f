// The real `weft` REPL in a pseudo-terminal: /help, a collision appearing live, an
// approval answered both ways, Ctrl-C cancelling a native command, Ctrl-C twice to exit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CTRL_C, CTRL_D, spawnWeftPty, type PtyWeft } from '../helpers/pty.js';
import { alive } from '../helpers/process.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

let t: TempHome;
let repl: PtyWeft | undefined;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => { repl?.kill(); repl = undefined; t.cleanup(); });
const managed = () => path.join(t.clawftHome, 'skills');
const start = async (): Promise<PtyWeft> => {
  repl = spawnWeftPty({ cwd: t.project, env: t.env });
  await repl.waitFor('__READY__');
  return repl;
};

describe('the REPL in a terminal', () => {
  it('/help lists skill commands; a colliding skill created while it runs shows in the status line and /help', async () => {
    writeSkill(managed(), 'deploy-app', { name: 'deploy-app', description: 'Ships the app.' });
    const r = await start();
    await r.line('/help');
    await r.waitFor(/\/deploy_app {2}Ships the app\./);
    const mark = r.mark();
    writeSkill(managed(), 'deploy_app', { name: 'deploy_app', description: 'Another one.' }); // same slash name
    await r.waitFor('name conflict: /deploy_app', mark);
    const help = r.mark();
    await r.line('/help');
    await r.waitFor('Name conflicts (1):', help);
    await r.waitFor(/\/deploy_app: slash command "\/deploy_app" is claimed by skill "deploy-app"/, help);
  }, 30_000);

  it('an approval prompt answered no, then yes (always)', async () => {
    writeSkill(managed(), 'shout', { name: 'shout', description: 'Prints its text.',
      extra: `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object', properties: { text: { type: 'string' } } }, run: ['printf', '<%s>', '{text}'] } } })}` });
    const r = await start();
    await r.line('/shout first');
    await r.waitFor('Approve shout?');
    await r.waitFor('printf <%s> {text}');
    const denied = r.mark();
    await r.type('d');
    await r.waitFor('not approved: shout did not run', denied);
    expect(r.since(denied)).not.toContain('<first>');
    const again = r.mark();
    await r.line('/shout second');
    await r.waitFor('Approve shout?', again);
    await r.type('a');
    await r.waitFor('<second>', again);
    const approvals = JSON.parse(readFileSync(path.join(t.clawftHome, 'approvals.json'), 'utf8')) as { skills: Record<string, unknown> };
    expect(Object.keys(approvals.skills)).toEqual([path.join(managed(), 'shout')]);
    const third = r.mark();
    await r.line('/shout third'); // approved for good: no prompt
    await r.waitFor('<third>', third);
    expect(r.since(third)).not.toContain('Approve shout?');
  }, 30_000);

  it('Ctrl-C during a running native command ends its process group, and the REPL still answers', async () => {
    writeSkill(managed(), 'hang', { name: 'hang', description: 'Hangs.',
      extra: `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: ['sh', '-c', 'sleep 30 & echo $! > bg.pid; wait'] } } })}` });
    const r = await start();
    await r.line('/approve hang');
    await r.waitFor('approved hang');
    const mark = r.mark();
    await r.line('/hang');
    await r.waitFor('(Ctrl-C cancels)', mark);
    const pidFile = path.join(t.project, 'bg.pid');
    for (let i = 0; i < 100 && !(() => { try { return readFileSync(pidFile, 'utf8').trim().length > 0; } catch { return false; } })(); i++) await new Promise((res) => setTimeout(res, 20));
    const pid = Number(readFileSync(pidFile, 'utf8'));
    r.key(CTRL_C);
    await r.waitFor(/cancelled/, mark);
    await new Promise((res) => setTimeout(res, 300));
    expect(alive(pid)).toBe(false);
    const after = r.mark();
    await r.line('/status');
    await r.waitFor('generation', after);
  }, 30_000);

  it('Ctrl-C on an empty line asks again, the second exits 0; Ctrl-D on an empty line exits 0', async () => {
    const r = await start();
    await r.type('some text');
    r.key(CTRL_C); // clears the line
    await new Promise((res) => setTimeout(res, 150));
    r.key(CTRL_C);
    await r.waitFor('press Ctrl-C again to exit');
    r.key(CTRL_C);
    expect(await r.exited).toBe(0);
    const second = spawnWeftPty({ cwd: t.project, env: t.env });
    repl = second;
    await second.waitFor('__READY__');
    second.key(CTRL_D);
    expect(await second.exited).toBe(0);
  }, 30_000);

  it('control sequences from a SKILL.md or a command\'s output never reach the terminal', async () => {
    writeSkill(managed(), 'evil', { name: 'evil', description: '"x \\u001b]0;PWNED\\u0007 y"',
      extra: `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: ['printf', '\u001b]0;TITLE\u0007out'] } } })}` });
    const r = await start();
    await r.type('/ev');
    await r.waitFor('/evil'); // the completion list, with the description
    await r.line('il');
    await r.waitFor('Approve evil?');
    await r.type('o');
    await r.waitFor('out');
    expect(r.raw()).not.toContain('\u001b]0;PWNED');
    expect(r.raw()).not.toContain('\u001b]0;TITLE');
  }, 30_000);
});

