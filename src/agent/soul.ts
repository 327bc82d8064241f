/**
 * SOUL.md, the agent's standing instructions: the first non-blank of the
 * workspace's `.clawft/SOUL.md`, the workspace's `SOUL.md` and
 * `$CLAWFT_HOME/SOUL.md`. Workspace files count only when the workspace is
 * trusted. The registry watches these files, so a
 * change is read again on the next turn.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WeftPaths } from '../config/paths.js';
import type { WorkspaceStatus } from '../config/trust.js';

export const SOUL_MAX_BYTES = 64 * 1024;

export interface Soul {
  file: string;
  text: string;
}

export function soulCandidates(paths: WeftPaths, workspace: WorkspaceStatus | null): string[] {
  // Only a trusted workspace: `not-needed` means it had no SOUL.md when trust was judged, and one may appear since.
  const ws = workspace?.trust === 'trusted' ? [path.join(workspace.root, '.clawft', 'SOUL.md'), path.join(workspace.root, 'SOUL.md')] : [];
  return [...ws, path.join(paths.clawftHome, 'SOUL.md')];
}

export async function readSoul(paths: WeftPaths, workspace: WorkspaceStatus | null): Promise<Soul | undefined> {
  for (const file of soulCandidates(paths, workspace)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue; // missing or unreadable: the next one
    }
    text = text.replace(/^\uFEFF/, '').trim();
    if (!text) continue;
    if (Buffer.byteLength(text) > SOUL_MAX_BYTES) text = `${Buffer.from(text).subarray(0, SOUL_MAX_BYTES).toString('utf8')}\n[SOUL.md truncated at ${SOUL_MAX_BYTES} bytes]`;
    return { file, text };
  }
  return undefined;
}
