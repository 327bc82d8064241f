// One agent turn in-process (classify, route, SOUL.md, the catalog of the corpus's
// skills, the budgeted prompt, the streamed reply parsed, the journal written) against
// a Chat Completions server on 127.0.0.1, beside a bare fetch of the same stream.
// Target: weft's own cost per turn (median turn - median bare fetch) <= 10 ms.
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { corpusHome, repoRoot } from './corpus.mjs';
import { median, report } from './stats.mjs';

const dist = (p) => import(path.join(repoRoot, 'dist', p));
const [{ runTurn }, { LiveRegistry }, { resolvePaths }, { JsonlMemory }] = await Promise.all([
  dist('agent/turn.js'), dist('registry/index.js'), dist('config/paths.js'), dist('memory/index.js'),
]);

const chunks = Array.from({ length: 40 }, (_, i) => `data: ${JSON.stringify({ choices: [{ delta: { content: `word${i} ` } }] })}\n\n`);
let requestBytes = 0;
const server = http.createServer((req, res) => {
  let size = 0;
  req.on('data', (d) => { size += d.length; });
  req.on('end', () => {
    requestBytes = size;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(`${chunks.join('')}data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const baseUrl = `http://127.0.0.1:${server.address().port}/v1`;

const { home, clawftHome, project, skills, cleanup } = corpusHome('weft-bench-agent-');
writeFileSync(path.join(clawftHome, 'config.json'), JSON.stringify({ providers: { local: { api: 'openai', baseUrl, model: 'bench' } } }));
writeFileSync(path.join(clawftHome, 'SOUL.md'), 'Be brief.\n');
const paths = resolvePaths({ HOME: home, CLAWFT_HOME: clawftHome }, project);
const registry = new LiveRegistry({ paths, watch: false, spareWorker: false });
await registry.start();
const memory = new JsonlMemory({ dir: path.join(clawftHome, 'memory') });
const signal = new AbortController().signal;

async function bare() {
  const res = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'hello' }] }) });
  await res.text();
}
async function turn() {
  const out = await runTurn({ registry, paths, memory, env: {} }, { text: 'hello', history: [], session: 'bench' }, {}, signal);
  if (out.status !== 'answered') throw new Error(`turn ended ${out.status}: ${out.error?.message}`);
}

try {
  const runs = Number(process.env.BENCH_RUNS ?? 200);
  for (let i = 0; i < 20; i++) { await bare(); await turn(); } // warm up
  const bareMs = [];
  const turnMs = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await bare();
    bareMs.push(performance.now() - t);
    t = performance.now();
    await turn();
    turnMs.push(performance.now() - t);
  }
  const own = median(turnMs) - median(bareMs);
  console.log(`${skills.length} corpus skills in the catalog; request ${(requestBytes / 1024).toFixed(0)} KiB; turn median ${median(turnMs).toFixed(2)} ms, bare fetch median ${median(bareMs).toFixed(2)} ms (ratio ${(median(turnMs) / median(bareMs)).toFixed(2)})`);
  process.exitCode = report('agent turn, weft\'s own cost', `${own.toFixed(2)} ms median`, '<= 10 ms', own <= 10) ? 0 : 1;
} finally {
  await registry.stop();
  server.close();
  cleanup();
}
