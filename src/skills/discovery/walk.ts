import { lstatSync, readdirSync, realpathSync, type Dirent } from 'node:fs';
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
 * Synchronous on purpose: a root holds a few hundred entries at most, and
 * sync calls skip a thread-pool round trip each (several times faster).
 */
export function walkRoot(root: string): WalkResult {
  const result: WalkResult = { found: [], diagnostics: [] };
  const realRoot = real(root);
  if (!realRoot) return result;
  const seen = new Set<string>();
  // `realDir` is tracked, not asked for: below a real folder, a child that is
  // not a link has the real path parent/name, so only links cost a realpath.
  function visit(dir: string, realDir: string, depth: number): void {
    if (seen.has(realDir)) return;
    seen.add(realDir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const skillFile = entries.find((e) => e.name === 'SKILL.md' && !e.isDirectory());
    if (skillFile) {
      const file = path.join(dir, 'SKILL.md');
      if (skillFile.isSymbolicLink()) {
        const target = real(file) ?? file;
        if (!inside(target, realRoot!)) { result.diagnostics.push(escape(file, target, root)); return; }
      }
      result.found.push({ file });
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const children = entries
      .filter((e) => !e.name.startsWith('.') && !SKIPPED.has(e.name) && (e.isDirectory() || e.isSymbolicLink()))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of children) {
      const child = path.join(dir, entry.name);
      let realChild = path.join(realDir, entry.name);
      if (entry.isSymbolicLink()) {
        const target = real(child);
        if (!target || !lstatSync(target, { throwIfNoEntry: false })?.isDirectory()) continue;
        if (!inside(target, realRoot!)) { result.diagnostics.push(escape(child, target, root)); continue; }
        realChild = target;
      }
      visit(child, realChild, depth + 1);
    }
  }
  visit(root, realRoot, 0);
  return result;
}

function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}
