import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { UsageError, WeftError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import { contentHash } from '../../plugin/approvals/index.js';
import { commitInstall, planInstall, withRootLock } from '../../skills/install/install.js';
import { removeManagedSkill } from '../../skills/install/remove.js';
import type { CommandInput } from '../command.js';
import { confirm } from '../confirm.js';
import { emit } from '../report.js';
import { managedRoot, skillContext } from './load.js';

export async function installSkill(input: CommandInput): Promise<number> {
  const source = input.args[1];
  if (!source || input.args.length > 2) throw new UsageError('weft skill install takes one skill folder', 'Usage: weft skill install <path> [--force] [--yes]');
  const ctx = await skillContext(input);
  await ctx.approvals.read(); // a corrupt approvals store refuses before anything is copied
  const root = managedRoot(ctx);
  const from = path.resolve(input.paths.cwd, source);
  const plan = await planInstall(from, root, Boolean(input.flags.force));
  const tool = plan.skill.weftTool;
  // What the user approves is the source as it is now; the staged copy must match it.
  const shownHash = tool?.kind === 'native' ? await contentHash(from) : undefined;
  if (tool?.kind === 'native' && !input.flags.yes) {
    const env = ['PATH', 'HOME', 'LANG', 'TERM', ...(plan.skill.openclaw?.requires.env ?? [])].join(', ');
    const answer = await confirm(`"${plan.skill.name}" runs a native command (${tool.run.join(' ')}) and will receive ${env}. Install and approve it?`, input.stderr);
    if (answer === 'nobody') {
      throw new WeftError(`"${plan.skill.name}" runs native commands and needs approval; nobody can answer here`, {
        code: 'approval-required', value: plan.skill.name, fix: 'Run it in a terminal, or add --yes to approve it.' }, ExitCode.approvalRequired);
    }
    if (answer === 'no') throw new WeftError('install refused: not approved', { code: 'install-refused', value: plan.skill.name });
  }
  await withRootLock(root, () => commitInstall(plan, from, root, shownHash));
  if (shownHash) await ctx.approvals.approveSkill(plan.dest, { expectedHash: shownHash });
  const data = { name: plan.skill.name, path: await realpath(plan.dest), replaced: plan.replaces, approved: shownHash !== undefined };
  emit(input, data, (d) => `installed ${d.name} at ${d.path}${d.replaced ? ' (replaced the old copy)' : ''}${d.approved ? '; approved to run its command' : ''}`);
  return ExitCode.ok;
}

export async function removeSkill(input: CommandInput): Promise<number> {
  const name = input.args[1];
  if (!name || input.args.length > 2) throw new UsageError('weft skill remove takes one skill name', 'Usage: weft skill remove <name>');
  const ctx = await skillContext(input);
  const root = managedRoot(ctx);
  const removed = await withRootLock(root, () => removeManagedSkill(root, name));
  await ctx.approvals.revokeSkill(removed).catch(() => false);
  emit(input, { name, path: removed }, (d) => `removed ${d.name} (${d.path})`);
  return ExitCode.ok;
}
