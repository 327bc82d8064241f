/**
 * What the watcher watches, and the filter that keeps it to that. A target
 * is a folder with a depth (skill roots, plugin folders) or a single file
 * (config files, approvals.json). A target that does not exist yet is
 * watched through its nearest existing ancestor, and the filter lets through
 * only the path down to it, so a root created after start is seen without a
 * restart and nothing else under that ancestor costs a watch.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { within } from './signature.js';

export interface WatchTargets {
  dirs: Array<{ dir: string; depth: number }>;
  files: string[];
}

/** Skill roots: MAX_DEPTH 4 to SKILL.md, plus files inside a skill folder (an approval covers all of them). */
export const SKILL_ROOT_DEPTH = 8;
/** Plugin folders: <folder>/<plugin>/<file>, and a component one folder down. */
export const PLUGIN_FOLDER_DEPTH = 3;

const SKIPPED = new Set(['node_modules']);

/** The nearest existing directory at or above `p` (the file itself for existing files). */
export function nearestExisting(p: string): string {
  for (let at = path.resolve(p); ; at = path.dirname(at)) {
    if (statSync(at, { throwIfNoEntry: false })) return at;
    if (path.dirname(at) === at) return at;
  }
}

/** The paths to hand chokidar: each target, or its nearest existing ancestor. */
export function watchRoots(targets: WatchTargets): string[] {
  const out = new Set<string>();
  for (const { dir } of targets.dirs) out.add(nearestExisting(dir));
  // Files are watched through their folder: atomic writes replace the inode, which a file watch loses.
  for (const file of targets.files) out.add(nearestExisting(path.dirname(file)));
  return [...out].sort();
}

/**
 * True for paths the watcher should ignore. Kept: ancestors of a target (the
 * way a missing root appears), target files, and paths inside a target
 * folder within its depth, except dot-entries (weft's own `.tmp-*`/`.trash-*`
 * install staging, editor swap files, .git) and node_modules below the target.
 */
export function isIgnored(p: string, targets: WatchTargets): boolean {
  const abs = path.resolve(p);
  for (const file of targets.files) if (abs === file || within(file, abs)) return false;
  for (const { dir, depth } of targets.dirs) {
    if (within(dir, abs)) return false;
    if (!within(abs, dir)) continue;
    const parts = path.relative(dir, abs).split(path.sep);
    if (parts.length <= depth && !parts.some((s) => s.startsWith('.') || SKIPPED.has(s))) return false;
  }
  return true;
}
