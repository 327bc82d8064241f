// Parse + index of 1,000 skills (corpus copies renamed <name>-<i>): >= 5,000 skills/s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copySkill, repoRoot, uniqueLoadable } from './corpus.mjs';
import { median, report } from './stats.mjs';

const { readRoot } = await import(path.join(repoRoot, 'dist/skills/discovery/discover.js'));
const { resolvePrecedence } = await import(path.join(repoRoot, 'dist/skills/discovery/precedence.js'));
const root = mkdtempSync(path.join(tmpdir(), 'weft-parse-'));
const skills = uniqueLoadable();
const COUNT = 1000;
for (let i = 0; i < COUNT; i++) {
  const e = skills[i % skills.length];
  copySkill(e, path.join(root, `s${i}`), `${e.effectiveName.replace(/\s+/g, '-')}-${i}`);
}
const rates = [];
// Two warm-up passes (JIT, page cache of the freshly copied files), then seven measured.
for (let run = -2; run < 7; run++) {
  const start = process.hrtime.bigint();
  const { skills: parsed } = await readRoot(root);
  resolvePrecedence(parsed.map((skill) => ({ skill, level: 'managed', root, eligible: true, ineligibleReasons: [] })));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (parsed.length !== COUNT) throw new Error(`parsed ${parsed.length}, expected ${COUNT}`);
  if (run >= 0) rates.push(COUNT / seconds);
}
rmSync(root, { recursive: true, force: true });
const rate = median(rates);
process.exit(report('parse + index of 1,000 skills', `${Math.round(rate)} skills/s median`, '>= 5,000 skills/s', rate >= 5000) ? 0 : 1);
