import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWeft, weftBin } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

let t: TempHome;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => t.cleanup());

describe('weft skill watch --json', () => {
  it('prints a ready line, then JSON lines as skills change (trust from another terminal included), and ends cleanly on Ctrl-C', async () => {
    writeSkill(path.join(t.project, '.clawft', 'skills'), 'local', { name: 'local' });
    const child = spawn(process.execPath, [weftBin, 'skill', 'watch', '--json'], { cwd: t.project, env: t.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Array<Record<string, unknown>> = [];
    let buffer = '';
    const waitFor = (pred: (l: Record<string, unknown>) => boolean, ms = 10_000) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; saw ${JSON.stringify(lines)}`)), ms);
      const check = () => { if (lines.some(pred)) { clearTimeout(timer); resolve(); } else setTimeout(check, 20); };
      check();
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buffer += d;
      let at;
      while ((at = buffer.indexOf('\n')) >= 0) { lines.push(JSON.parse(buffer.slice(0, at)) as Record<string, unknown>); buffer = buffer.slice(at + 1); }
    });
    await waitFor((l) => l.type === 'ready');
    writeSkill(path.join(t.clawftHome, 'skills'), 'fresh', { name: 'fresh' });
    await waitFor((l) => l.type === 'added' && l.kind === 'skill' && l.id === 'fresh');
    expect(lines.some((l) => l.id === 'local')).toBe(false); // untrusted: listed by `skill list`, not loaded
    expect(runWeft(['trust'], { cwd: t.project, env: t.env }).code).toBe(0);
    await waitFor((l) => l.type === 'added' && l.kind === 'skill' && l.id === 'local');
    expect(runWeft(['trust', '--revoke'], { cwd: t.project, env: t.env }).code).toBe(0);
    await waitFor((l) => l.type === 'removed' && l.kind === 'skill' && l.id === 'local');
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  }, 30_000);
});
