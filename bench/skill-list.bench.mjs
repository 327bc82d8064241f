// `weft skill list` over the corpus's loadable, uniquely named skills installed
// as managed skills: median wall time <= 300 ms (node -e 0 printed alongside).
import path from 'node:path';
import { corpusHome, repoRoot } from './corpus.mjs';
import { median, report, timeNode } from './stats.mjs';

const { home, clawftHome, project, skills, cleanup } = corpusHome('weft-bench-');
const env = { ...process.env, HOME: home, CLAWFT_HOME: clawftHome };
const bin = path.join(repoRoot, 'dist/cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 20);
process.chdir(project);
const list = [];
const base = [];
for (let i = 0; i < 3; i++) timeNode([bin, 'skill', 'list'], env);
for (let i = 0; i < runs; i++) {
  base.push(timeNode(['-e', '0'], env));
  list.push(timeNode([bin, 'skill', 'list'], env));
}
cleanup();
const m = median(list);
console.log(`${skills.length} skills; node -e 0: median ${median(base).toFixed(1)} ms (${(m / median(base)).toFixed(2)}x)`);
process.exit(report('weft skill list', `${m.toFixed(1)} ms median`, '<= 300 ms', m <= 300) ? 0 : 1);
