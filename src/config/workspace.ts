import { statSync } from 'node:fs';
import path from 'node:path';
import { realOrResolved, type WeftPaths } from './paths.js';

/** What in a workspace weft would load, and so what needs trust. */
export const WORKSPACE_CONTENT = [
  { entry: '.clawft', kind: 'dir' },
  { entry: path.join('.agents', 'skills'), kind: 'dir' },
  { entry: 'SOUL.md', kind: 'file' },
] as const;

export interface Workspace {
  /** Real path of the workspace root. */
  root: string;
  /** True when found by a `.clawft/` marker, false when it is just the cwd. */
  marked: boolean;
  /** Entries of WORKSPACE_CONTENT present in it (relative paths). */
  content: string[];
}

function isKind(p: string, kind: 'dir' | 'file'): boolean {
  try {
    const s = statSync(p);
    return kind === 'dir' ? s.isDirectory() : s.isFile();
  } catch {
    return false;
  }
}

/** `$HOME` and the parent of `$CLAWFT_HOME` are never workspaces. */
function stopDirs(paths: WeftPaths): Set<string> {
  return new Set([realOrResolved(paths.home), realOrResolved(path.dirname(paths.clawftHome))]);
}

export function workspaceContent(root: string): string[] {
  return WORKSPACE_CONTENT.filter((c) => isKind(path.join(root, c.entry), c.kind)).map((c) => c.entry);
}

/**
 * The nearest directory at or above the cwd holding `.clawft/`, searching no
 * higher than just below `$HOME` (or the parent of `$CLAWFT_HOME`). Without
 * one the cwd is the workspace; when the cwd is itself a stop directory
 * there is none.
 */
export function findWorkspace(paths: WeftPaths): Workspace | null {
  const stops = stopDirs(paths);
  const cwd = realOrResolved(paths.cwd);
  if (stops.has(cwd)) return null;
  for (let dir = cwd; !stops.has(dir); dir = path.dirname(dir)) {
    if (isKind(path.join(dir, '.clawft'), 'dir')) {
      return { root: dir, marked: true, content: workspaceContent(dir) };
    }
    if (path.dirname(dir) === dir) break;
  }
  return { root: cwd, marked: false, content: workspaceContent(cwd) };
}
