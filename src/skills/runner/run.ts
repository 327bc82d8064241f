/**
 * Running a native-command skill (`metadata.weft.tool.run`) as a tool call.
 * In order, before anything runs: the skill must be approved (its folder's
 * content hash pinned in the approvals store, so any edit voids it; bundled
 * skills ship with weft and need none), its arguments must fit the schema and
 * the argv limits, and the workspace must exist. Then the command runs with
 * no shell, an allowlisted environment and the workspace as cwd (exec.ts).
 */
import fs from 'node:fs/promises';
import type { ApprovalsStore } from '../../plugin/approvals/index.js';
import type { ToolResult } from '../../plugin/contract/tool.js';
import type { ParsedSkill } from '../types.js';
import { expandArgv } from './argv.js';
import { nativeEnv, nativeEnvNames } from './env.js';
import { execNative } from './exec.js';

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface NativeRunContext {
  /** The workspace root: the command's cwd. */
  workspace: string;
  signal?: AbortSignal;
  /** Default 60 s; at the deadline the process group is killed. */
  timeoutMs?: number;
  approvals: Pick<ApprovalsStore, 'skillStatus'>;
  /** The user's environment the allowlist picks from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Names whose values weft set itself (keys from config): never passed. */
  heldByWeft?: ReadonlySet<string>;
  /** A skill shipped with weft: no approval needed. */
  bundled?: boolean;
  /**
   * The folder's content hash when `skill` was parsed and approved: the
   * call is refused if the folder has changed since (even to another
   * approved state), so the argv run is always the approved one's.
   */
  expectedHash?: string;
  /** Standard output as it arrives, for a UI to stream. */
  onOutput?: (text: string) => void;
}

export async function runNativeSkill(skill: ParsedSkill, args: Record<string, unknown>, ctx: NativeRunContext): Promise<ToolResult> {
  const tool = skill.weftTool;
  if (tool?.kind !== 'native') {
    return { ok: false, kind: 'error', error: `Skill "${skill.name}" does not declare a native command (metadata.weft.tool.run).` };
  }
  const refusal = await approvalRefusal(skill, tool.run[0]!, ctx);
  if (refusal) return refusal;
  let argv: string[];
  try {
    argv = expandArgv(tool.run, tool.input, args);
  } catch (error) {
    return { ok: false, kind: 'invalid-arguments', error: `${skill.name}: ${(error as Error).message}` };
  }
  const timeoutMs = ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    return { ok: false, kind: 'error', error: `The timeout for ${skill.name} is ${timeoutMs} ms; it must be a positive number of milliseconds.` };
  }
  // A missing cwd makes spawn fail with ENOENT, which would wrongly blame the command.
  const isDir = await fs.stat(ctx.workspace).then((s) => s.isDirectory(), () => false);
  if (!isDir) return { ok: false, kind: 'error', error: `The workspace ${ctx.workspace} is not an existing folder, so ${skill.name} cannot run in it.` };
  if (ctx.signal?.aborted) return { ok: false, kind: 'cancelled', error: `${skill.name} was cancelled before it started.` };
  const env = nativeEnv(skill, ctx.env ?? process.env, ctx.heldByWeft);
  return execNative(argv, { cwd: ctx.workspace, env, timeoutMs, ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.onOutput ? { onOutput: ctx.onOutput } : {}) });
}

async function approvalRefusal(skill: ParsedSkill, command: string, ctx: NativeRunContext): Promise<ToolResult | undefined> {
  if (ctx.bundled) return undefined;
  let status: Awaited<ReturnType<ApprovalsStore['skillStatus']>>;
  try {
    status = await ctx.approvals.skillStatus(skill.dir);
  } catch (error) {
    // A folder that cannot be hashed (a symlink inside, unreadable) cannot be approved either.
    const fix = (error as { details?: { fix?: string } }).details?.fix;
    return { ok: false, kind: 'permission-denied', error: `Skill "${skill.name}" cannot run: ${(error as Error).message}.${fix ? ` ${fix}` : ''}` };
  }
  if (status.approved && ctx.expectedHash !== undefined && status.contentHash !== ctx.expectedHash) {
    return { ok: false, kind: 'error', error: `Skill "${skill.name}" changed after it was loaded; weft is reloading it. Call it again in a moment.` };
  }
  if (status.approved) return undefined;
  const why = status.reason === 'changed' ? 'has changed since it was approved' : 'has not been approved';
  return {
    ok: false,
    kind: 'approval-required',
    error:
      `Skill "${skill.name}" runs a native command (${command}) and ${why}. ` +
      `It would receive the environment variables ${nativeEnvNames(skill).join(', ')}. ` +
      `Review it, then run \`weft skill approve ${skill.name}\`.`,
  };
}
