// Helpers for benchmarks over ../shared/corpus/skills.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
