// Launch of the REPL in a pseudo-terminal to its ready marker, with the corpus's
// loadable, uniquely named skills in $CLAWFT_HOME/skills; then /help typed and a corpus
// command on screen. Target: median <= 500 ms to the marker (node -e 0 printed beside).
import path from 'node:path';
import pty from '@lydell/node-pty';
import { corpusHome, repoRoot } from './corpus.mjs';
import { median, report, timeNode } from './stats.mjs';

const { home, clawftHome, project, skills, cleanup } = corpusHome('weft-bench-repl-');
const env = { ...process.env, HOME: home, CLAWFT_HOME: clawftHome, CI: 'false', WEFT_READY_MARKER: '1', TERM: 'xterm-256color' };
const bin = path.join(repoRoot, 'dist/cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 10);
// A corpus command /help must show: the slash name of the first skill (OpenClaw's sanitiser).
const expected = `/${skills[0].openclawCommand}`;

function once() {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = pty.spawn(process.execPath, [bin], { cols: 200, rows: 50, cwd: project, env });
    let out = '';
    let ready = 0;
    let helped = false;
    const timer = setTimeout(() => { child.kill(); reject(new Error(`no ready marker / help; output:\n${out.slice(-2000)}`)); }, 20_000);
    child.onData((d) => {
      out += d;
      if (!ready && out.includes('__READY__')) {
        ready = Number(process.hrtime.bigint() - start) / 1e6;
        child.write('/help');
        setTimeout(() => child.write('\r'), 60);
      }
      if (ready && !helped && out.includes(expected)) {
        helped = true;
        const toHelp = Number(process.hrtime.bigint() - start) / 1e6;
        child.write('\u0004'); // Ctrl-D on an empty line: exit
        child.onExit(() => { clearTimeout(timer); resolve({ ready, toHelp }); });
      }
    });
  });
}

try {
  await once(); // warm the file cache
  const ready = [];
  const help = [];
  const base = [];
  for (let i = 0; i < runs; i++) {
    base.push(timeNode(['-e', '0']));
    const r = await once();
    ready.push(r.ready);
    help.push(r.toHelp);
  }
  const m = median(ready);
  console.log(`${skills.length} corpus skills; node -e 0: median ${median(base).toFixed(1)} ms; /help with ${expected} on screen: median ${median(help).toFixed(0)} ms after launch`);
  process.exitCode = report('REPL launch to ready marker', `${m.toFixed(0)} ms median`, '<= 500 ms', m <= 500) ? 0 : 1;
} finally {
  cleanup();
}
