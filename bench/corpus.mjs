// Helpers for benchmarks over ../shared/corpus/skills.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/skills');

export function corpusEntries() {
  const file = path.join(corpusDir, 'expected.json');
  if (!existsSync(file)) {
    console.error(`../shared is missing: ${file} not found`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Loadable skills whose effective name no other corpus skill has. */
export function uniqueLoadable() {
  const entries = corpusEntries().filter((e) => e.openclawCommand !== null && e.description);
  const count = new Map();
  for (const e of entries) count.set(e.effectiveName, (count.get(e.effectiveName) ?? 0) + 1);
  return entries.filter((e) => count.get(e.effectiveName) === 1);
}

/** Copies a corpus skill folder to `dest`, renaming it in its frontmatter when `rename` is given. */
export function copySkill(entry, dest, rename) {
  cpSync(path.join(corpusDir, path.dirname(entry.path)), dest, { recursive: true });
  if (rename) {
    const file = path.join(dest, 'SKILL.md');
    const text = readFileSync(file, 'utf8');
    const renamed = /^name:.*$/m.test(text)
      ? text.replace(/^name:.*$/m, `name: ${rename}`)
      : text.replace(/^(\uFEFF?---\r?\n)/, `$1name: ${rename}\n`);
    writeFileSync(file, renamed);
  }
  mkdirSync(dest, { recursive: true });
}

/**
 * A throwaway home whose `$CLAWFT_HOME/skills` holds the corpus's loadable, uniquely
 * named skills as managed skills, and an empty project folder; `cleanup()` removes it.
 */
export function corpusHome(prefix) {
  const home = mkdtempSync(path.join(tmpdir(), prefix));
  const clawftHome = path.join(home, '.clawft');
  const project = path.join(home, 'project');
  mkdirSync(project, { recursive: true });
  const skills = uniqueLoadable();
  skills.forEach((e, i) => copySkill(e, path.join(clawftHome, 'skills', `s${i}-${path.basename(path.dirname(e.path))}`)));
  return { home, clawftHome, project, skills, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}
