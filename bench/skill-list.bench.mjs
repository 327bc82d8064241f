// `weft skill list` over the corpus's loadable, uniquely named skills installed
// as managed skills: median wall time <= 300 ms (node -e 0 printed alongside).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copySkill, repoRoot, uniqueLoadable } from './corpus.mjs';
import { median, report, timeNode } from './stats.mjs';

const home = mkdtempSync(path.join(tmpdir(), 'weft-bench-'));
const clawftHome = path.join(home, '.clawft');
const project = path.join(home, 'project');
mkdirSync(project, { recursive: true });
const skills = uniqueLoadable();
skills.forEach((e, i) => copySkill(e, path.join(clawftHome, 'skills', `s${i}-${path.basename(path.dirname(e.path))}`)));
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
rmSync(home, { recursive: true, force: true });
const m = median(list);
console.log(`${skills.length} skills; node -e 0: median ${median(base).toFixed(1)} ms (${(m / median(base)).toFixed(2)}x)`);
process.exit(report('weft skill list', `${m.toFixed(1)} ms median`, '<= 300 ms', m <= 300) ? 0 : 1);
