import path from 'node:path';
import { requireConfig } from '../../config/load.js';
import { discoverSkills } from '../../skills/discovery/discover.js';
import { skillRoots } from '../../skills/discovery/roots.js';
import type { SkillIndex } from '../../skills/discovery/types.js';
import { recoverRoot } from '../../plugin/folders/recover.js';
import { withRootLock } from '../../skills/install/install.js';
import { existsSync } from 'node:fs';
import { loadContext, type RunContext } from '../context.js';
import type { CommandInput } from '../command.js';
import { writeDiagnostics } from '../report.js';

export function managedRoot(ctx: { paths: { clawftHome: string } }): string {
  return path.join(ctx.paths.clawftHome, 'skills');
}

/** Every skill command starts here: context, crash recovery of the managed root. */
export async function skillContext(input: CommandInput): Promise<RunContext> {
  const ctx = await loadContext(input.paths);
  const root = managedRoot(ctx);
  if (existsSync(root)) await withRootLock(root, () => recoverRoot(root));
  return ctx;
}

export async function loadIndex(ctx: RunContext, input: CommandInput): Promise<SkillIndex> {
  if (!input.json) writeDiagnostics(input.stderr, ctx.config.diagnostics.filter((d) => d.severity !== 'error'));
  const config = requireConfig(ctx.config);
  return discoverSkills(skillRoots({ paths: ctx.paths, workspace: ctx.workspace, config }));
}
