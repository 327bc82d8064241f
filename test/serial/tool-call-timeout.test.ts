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
