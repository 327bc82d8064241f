import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `<root>/<dir>/SKILL.md` with a name and description; returns the file. */
export function writeSkill(root: string, dir: string, fields: { name?: string; description?: string; extra?: string; body?: string } = {}): string {
  const folder = path.join(root, dir);
  mkdirSync(folder, { recursive: true });
  const lines = ['---'];
  if (fields.name !== undefined) lines.push(`name: ${fields.name}`);
  lines.push(`description: ${fields.description ?? `The ${dir} skill.`}`);
  if (fields.extra) lines.push(fields.extra);
  lines.push('---', '', fields.body ?? `Instructions of ${dir}.`, '');
  const file = path.join(folder, 'SKILL.md');
  writeFileSync(file, lines.join('\n'));
  return file;
}
