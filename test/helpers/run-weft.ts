import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The built CLI, as package.json's `bin.weft` names it. */
export const weftBin = path.join(repoRoot, (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: { weft: string } }).bin.weft);

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <bin> …args` the way a user's shell would, never via npx. */
export function runWeft(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): RunResult {
  const r = spawnSync(process.execPath, [weftBin, ...args], {
    cwd: options.cwd, env: { ...options.env, NO_COLOR: '1' }, encoding: 'utf8', input: options.input ?? '', timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runJson<T = unknown>(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): RunResult & { json: T } {
  const r = runWeft([...args, '--json'], options);
  return { ...r, json: JSON.parse(r.stdout) as T };
}

/** As runWeft, without blocking this process's event loop (for servers living in the test). */
export function runWeftAsync(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [weftBin, ...args], { cwd: options.cwd, env: { ...options.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
