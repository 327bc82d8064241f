// `weft --version` must cost at most 1.5x a bare `node -e 0`, measured in the same run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report, timeNode } from './stats.mjs';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 30);
const baseline = [];
const weft = [];
for (let i = 0; i < 3; i++) { timeNode(['-e', '0']); timeNode([bin, '--version']); }
// Interleave so machine noise hits both series alike.
for (let i = 0; i < runs; i++) {
  baseline.push(timeNode(['-e', '0']));
  weft.push(timeNode([bin, '--version']));
}
const b = median(baseline);
const w = median(weft);
const ratio = w / b;
console.log(`node -e 0: median ${b.toFixed(1)} ms; weft --version: median ${w.toFixed(1)} ms (${runs} runs each)`);
process.exit(report('weft --version / node -e 0', `${ratio.toFixed(2)}x`, '<= 1.50x', ratio <= 1.5) ? 0 : 1);
