import { UsageError, WeftError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import path from 'node:path';
import { trustCommand } from '../../config/trust.js';
import type { PluginRecord } from '../../sandbox/catalogue/index.js';
import type { CommandInput } from '../command.js';
import { confirm } from '../confirm.js';
import type { RunContext } from '../context.js';
import { emit } from '../report.js';
import { diffLines, permissionLines } from './describe.js';
import { findPlugin, pluginContext } from './load.js';
import { pluginJson } from './list.js';

function oneId(input: CommandInput, verb: string): string {
  const id = input.args[1];
  if (!id || input.args.length > 2) throw new UsageError(`weft plugin ${verb} takes one plugin id`, `Usage: weft plugin ${verb} <id>`);
  return id;
}

/**
 * Grants what the plugin asks, after the user agreed to exactly that list
 * (only the new part after an upgrade). No TTY and no --yes: exit 3.
 */
export async function grant(ctx: RunContext, input: CommandInput, record: PluginRecord): Promise<void> {
  if (record.state === 'untrusted') {
    throw new WeftError(`plugin "${record.id}" is in an untrusted workspace (${record.dir})`, { code: 'workspace-untrusted', file: record.dir,
      value: record.id, fix: `Run \`${trustCommand(path.dirname(path.dirname(path.dirname(record.dir))))}\` first, if you trust its contents.` }, ExitCode.untrustedWorkspace);
  }
  if (record.state === 'invalid' || !record.manifest || !record.contentHash) {
    throw new WeftError(`plugin "${record.id}" cannot be approved: it is refused (see \`weft plugin list\`)`,
      { code: 'plugin-not-approvable', value: record.id, fix: 'Fix the problems `weft plugin check` reports.' });
  }
  if (!input.flags.yes) {
    const asks = record.diff ? diffLines(record.diff) : permissionLines(record.manifest.permissions);
    const question = `Plugin ${record.id} ${record.manifest.version} ${record.diff ? 'newly asks for' : 'asks for'}:\n${asks.map((l) => `  ${l}`).join('\n')}\nAllow?`;
    const answer = await confirm(question, input.stderr);
    if (answer === 'nobody') {
      throw new WeftError(`plugin "${record.id}" needs approval and nobody can answer here`, { code: 'approval-required', value: record.id,
        fix: `Run \`weft plugin approve ${record.id}\` in a terminal, or add --yes.` }, ExitCode.approvalRequired);
    }
    if (answer === 'no') throw new WeftError('not approved', { code: 'approval-refused', value: record.id });
  }
  const { manifest } = record;
  await ctx.approvals.approvePlugin(manifest.id, { contentHash: record.contentHash, version: manifest.version, permissions: manifest.permissions, tools: manifest.tools });
}

export async function approveCommand(input: CommandInput): Promise<number> {
  const id = oneId(input, 'approve');
  const ctx = await pluginContext(input);
  const record = await findPlugin(ctx, id);
  if (record.state !== 'approved') await grant(ctx, input, record);
  emit(input, { ...pluginJson(record), state: 'approved' }, () => `approved ${id}`);
  return ExitCode.ok;
}

export async function revokeCommand(input: CommandInput): Promise<number> {
  const id = oneId(input, 'revoke');
  const ctx = await pluginContext(input);
  const removed = await ctx.approvals.revokePlugin(id);
  emit(input, { id, revoked: removed }, () => (removed ? `revoked ${id}: it will not run until approved again` : `${id} was not approved; nothing to revoke`));
  return ExitCode.ok;
}
