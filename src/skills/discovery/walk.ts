import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../plugin/diagnostic.js';

/** How deep below a root weft looks for SKILL.md (root/a/b/c/SKILL.md). */
export const MAX_DEPTH = 4;
const SKIPPED = new Set(['node_modules']);

export interface FoundSkill {
  /** Absolute path of SKILL.md as found (inside the root, links not followed). */
  file: string;
}

export interface WalkResult {
  found: FoundSkill[];
  diagnostics: Diagnostic[];
}

function escape(link: string, target: string, root: string): Diagnostic {
  return {
    code: 'path-escape', severity: 'error', file: link,
    problem: `resolves to ${target}, outside the skill root ${root}; it is not loaded`,
    fix: 'Move the skill into the root (copy it instead of linking), or add its real folder to skills.extraDirs.',
  };
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Every SKILL.md under `root`: a folder holding SKILL.md is a skill and is
 * not searched further. Dot-dirs (and so weft's own `.tmp-*`/`.trash-*`) and
 * node_modules are skipped. A symlink is followed only when its real target
 * stays inside the root; one pointing out is a `path-escape` error.
 */
export async function walkRoot(root: string): Promise<WalkResult> {
  const result: WalkResult = { found: [], diagnostics: [] };
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return result;
  }
  const seen = new Set<string>();
  async function visit(dir: string, depth: number): Promise<void> {
    const real = await realpath(dir).catch(() => undefined);
    if (!real || seen.has(real)) return;
    if (!inside(real, realRoot)) {
      result.diagnostics.push(escape(dir, real, root));
      return;
    }
    seen.add(real);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const skillFile = entries.find((e) => e.name === 'SKILL.md' && (e.isFile() || e.isSymbolicLink()));
    if (skillFile) {
      const file = path.join(dir, 'SKILL.md');
      if (skillFile.isSymbolicLink()) {
        const target = await realpath(file).catch(() => file);
        if (!inside(target, realRoot)) { result.diagnostics.push(escape(file, target, root)); return; }
      }
      result.found.push({ file });
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const dirs = entries
      .filter((e) => !e.name.startsWith('.') && !SKIPPED.has(e.name) && (e.isDirectory() || e.isSymbolicLink()))
      .map((e) => e.name)
      .sort();
    for (const name of dirs) {
      const child = path.join(dir, name);
      const stat = await lstat(child).catch(() => undefined);
      if (stat?.isSymbolicLink()) {
        const target = await realpath(child).catch(() => undefined);
        if (!target) continue;
        if (!inside(target, realRoot)) { result.diagnostics.push(escape(child, target, root)); continue; }
      }
      await visit(child, depth + 1);
    }
  }
  await visit(root, 0);
  return result;
}
