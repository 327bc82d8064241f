// Shared helpers for benchmarks: timing child processes and reporting medians.
import { spawnSync } from 'node:child_process';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall-clock milliseconds of one run of `node …args`. */
export function timeNode(args, env = process.env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Prints `name: figure (target) ok|MISS` and returns whether it met the target. */
export function report(name, figure, target, ok) {
  console.log(`${name}: ${figure}  target ${target}  ${ok ? 'ok' : 'MISS'}`);
  return ok;
}
