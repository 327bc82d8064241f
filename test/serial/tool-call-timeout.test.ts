// `weft tool call` takes the native-command deadline from config (sandbox.nativeTimeoutMs)
// and kills the skill's whole process group at it. Serial because it measures time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alive } from '../helpers/process.js';
import { ExitCode } from '../../src/plugin/exit-codes.js';
import { runWeft } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

let t: TempHome;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => t.cleanup());

describe('native-command deadline from config', () => {
  it('sandbox.nativeTimeoutMs: 700 ends a hanging skill and its background child with exit 4', async () => {
    mkdirSync(t.clawftHome, { recursive: true });
    writeFileSync(path.join(t.clawftHome, 'config.json'), '{ "sandbox": { "nativeTimeoutMs": 700 } }');
    // A background sleep in the same group, its pid written down, then a foreground wait.
    writeSkill(path.join(t.clawftHome, 'skills'), 'hang', { name: 'hang', extra: `metadata: ${JSON.stringify({ weft: { tool: {
      input: { type: 'object' }, run: ['sh', '-c', 'sleep 30 & echo $! > bg.pid; wait'] } } })}` });
    expect(runWeft(['skill', 'approve', 'hang', '--yes'], { cwd: t.project, env: t.env }).code).toBe(0);
    const started = Date.now();
    const r = runWeft(['tool', 'call', 'hang'], { cwd: t.project, env: t.env });
    const took = Date.now() - started;
    expect(r.code, r.stderr).toBe(ExitCode.toolFailed);
    expect(r.stderr).toMatch(/timeout|deadline|timed out/i);
    expect(took).toBeLessThan(10_000);
    const pidFile = path.join(t.project, 'bg.pid');
    expect(existsSync(pidFile)).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((res) => setTimeout(res, 300));
    expect(alive(pid)).toBe(false);
  });
});

describe('Ctrl-C in scripted mode', () => {
  it('SIGINT during `weft -p` ends the running native command and exits 130', async () => {
    const { spawn } = await import('node:child_process');
    const { weftBin } = await import('../helpers/run-weft.js');
    writeSkill(path.join(t.clawftHome, 'skills'), 'hang', { name: 'hang', extra: `metadata: ${JSON.stringify({ weft: { tool: {
      input: { type: 'object' }, run: ['sh', '-c', 'sleep 30 & echo $! > bg.pid; wait'] } } })}` });
    const child = spawn(process.execPath, [weftBin, '-p', '/hang', '--yes'], { cwd: t.project, env: t.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const pidFile = path.join(t.project, 'bg.pid');
    for (let i = 0; i < 250 && !(existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim()); i++) await new Promise((r) => setTimeout(r, 20));
    const pid = Number(readFileSync(pidFile, 'utf8'));
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(pid)).toBe(false);
  });
});

describe('stdin line mode with stdin left open', () => {
  it('/exit ends at once, and Ctrl-C while waiting for the next line exits 130', async () => {
    const { spawn } = await import('node:child_process');
    const { weftBin } = await import('../helpers/run-weft.js');
    const start = (lines: string) => {
      const child = spawn(process.execPath, [weftBin], { cwd: t.project, env: t.env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
      child.stdin.write(lines); // and never closed
      return { child, stdout: () => stdout, exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
    };
    const a = start('/status\n/exit\n');
    const t0 = Date.now();
    expect(await a.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(a.stdout()).toContain('generation 1');
    const b = start('/status\n');
    for (let i = 0; i < 250 && !b.stdout().includes('generation'); i++) await new Promise((r) => setTimeout(r, 20));
    b.child.kill('SIGINT');
    expect(await b.exited).toBe(130);
  });
});
