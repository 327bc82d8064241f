// `weft mcp` over stdio, with the SDK's Client + StdioClientTransport:
// - tools/call round trip on an instruction-only skill (body `$ARGUMENTS`) against
//   @modelcontextprotocol/server-everything's `echo` with the same client in the same run:
//   5 interleaved runs (weft, everything, weft, ...) of 2,000 sequential calls each; the
//   figure is the median over the 5 run pairs of (weft median µs / everything median µs),
//   target <= 1.05 (the ratio of the two sides' medians of run medians is printed beside it);
// - tools/list with 1,000 instruction-only managed skills loaded: median of 20 calls after
//   warm-up, target <= 50 ms (and the list must hold >= 1,000 tools).
// Needs `npm run build` (spawns dist/cli.js) and the server-everything devDependency.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { median, report } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'dist/cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const calls = Number(process.env.BENCH_CALLS ?? 2000);
const listCalls = 20;
const listSkills = 1000;

function everythingEntry() {
  const require = createRequire(path.join(root, 'package.json'));
  const pkgFile = require.resolve('@modelcontextprotocol/server-everything/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const rel = typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin)[0];
  return path.join(path.dirname(pkgFile), rel);
}

/** A temp HOME with a project folder and CLAWFT_HOME holding `count` instruction-only skills. */
function makeHome(count) {
  const home = mkdtempSync(path.join(tmpdir(), 'weft-mcp-bench-'));
  const clawftHome = path.join(home, '.clawft');
  const project = path.join(home, 'project');
  mkdirSync(project, { recursive: true });
  for (let i = 0; i < count; i++) {
    const name = count === 1 ? 'echo-skill' : `echo-skill-${String(i).padStart(4, '0')}`;
    const dir = path.join(clawftHome, 'skills', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'SKILL.md'), `---\nname: ${name}\ndescription: Echoes its arguments back (${i}).\n---\n$ARGUMENTS\n`);
  }
  return { home, clawftHome, project, env: { ...process.env, HOME: home, CLAWFT_HOME: clawftHome } };
}

const homes = [];
const clients = [];

async function connect(args, { cwd, env }) {
  const transport = new StdioClientTransport({ command: process.execPath, args, cwd, env, stderr: 'ignore' });
  const client = new Client({ name: 'weft-mcp-bench', version: '1.0.0' });
  clients.push(client);
  await client.connect(transport);
  return client;
}

async function cleanup() {
  await Promise.allSettled(clients.map((c) => c.close()));
  for (const h of homes) rmSync(h.home, { recursive: true, force: true });
}

/** `count` sequential tools/call; returns per-call µs and calls/s over the whole run. */
async function timeCalls(client, params, expected, count) {
  const times = new Array(count);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    const r = await client.callTool(params);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
    if (r.isError || r.content?.[0]?.text !== expected) throw new Error(`${params.name} answered ${JSON.stringify(r)}`);
  }
  const totalS = Number(process.hrtime.bigint() - start) / 1e9;
  return { median: median(times), perSecond: count / totalS };
}

let ok = true;
try {
  // tools/call round trip: weft's instruction-only skill against server-everything's echo.
  const one = makeHome(1);
  homes.push(one);
  const weft = await connect([bin, 'mcp'], { cwd: one.project, env: one.env });
  const everything = await connect([everythingEntry(), 'stdio'], { cwd: one.project, env: one.env });
  const weftCall = [weft, { name: 'echo-skill', arguments: { arguments: 'hello' } }, 'hello'];
  const evCall = [everything, { name: 'echo', arguments: { message: 'hello' } }, 'Echo: hello'];
  if (!(await weft.listTools()).tools.some((t) => t.name === 'echo-skill')) throw new Error('weft mcp does not serve echo-skill');
  await everything.listTools(); // as a client would; caches any output schemas on both sides alike
  for (let i = 0; i < 2; i++) {
    await timeCalls(...weftCall, 1000);
    await timeCalls(...evCall, 1000);
  }
  const pairs = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which server goes first, so neither always runs on a machine just left idle.
    let w, e;
    if (i % 2 === 0) { w = await timeCalls(...weftCall, calls); e = await timeCalls(...evCall, calls); }
    else { e = await timeCalls(...evCall, calls); w = await timeCalls(...weftCall, calls); }
    pairs.push({ w, e, ratio: w.median / e.median });
    console.log(`  run ${i + 1}: weft ${w.median.toFixed(1)} µs (${w.perSecond.toFixed(0)} calls/s), everything ${e.median.toFixed(1)} µs (${e.perSecond.toFixed(0)} calls/s), ratio ${(w.median / e.median).toFixed(3)}`);
  }
  const wMed = median(pairs.map((p) => p.w.median));
  const eMed = median(pairs.map((p) => p.e.median));
  const wRate = median(pairs.map((p) => p.w.perSecond));
  const eRate = median(pairs.map((p) => p.e.perSecond));
  console.log(`tools/call round trip (median of ${runs} run medians, ${calls} calls a run): weft ${wMed.toFixed(1)} µs, ${wRate.toFixed(0)} calls/s; server-everything echo ${eMed.toFixed(1)} µs, ${eRate.toFixed(0)} calls/s (ratio of these medians ${(wMed / eMed).toFixed(3)})`);
  const ratio = median(pairs.map((p) => p.ratio));
  ok = report('tools/call weft / server-everything echo, median of per-pair ratios', ratio.toFixed(3), '<= 1.05', ratio <= 1.05) && ok;
  await Promise.allSettled([weft.close(), everything.close()]);

  // tools/list with 1,000 instruction-only skills loaded.
  const many = makeHome(listSkills);
  homes.push(many);
  const startedAt = process.hrtime.bigint();
  const big = await connect([bin, 'mcp'], { cwd: many.project, env: many.env });
  const connectMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  let count = 0;
  for (let i = 0; i < 5; i++) count = (await big.listTools()).tools.length;
  const listTimes = [];
  for (let i = 0; i < listCalls; i++) {
    const t0 = process.hrtime.bigint();
    count = (await big.listTools()).tools.length;
    listTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const listMs = median(listTimes);
  console.log(`${count} tools listed (${listSkills} skills installed); spawn + initialize ${connectMs.toFixed(0)} ms`);
  if (count < listSkills) {
    ok = report('tools/list tool count', String(count), `>= ${listSkills}`, false) && ok;
  }
  ok = report(`tools/list with ${listSkills} skills, median of ${listCalls}`, `${listMs.toFixed(2)} ms`, '<= 50 ms', listMs <= 50) && ok;
} catch (error) {
  console.error(`mcp bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  ok = false;
} finally {
  await cleanup();
}
process.exit(ok ? 0 : 1);
