/**
 * Calling a tool of the registry on one lease: the schema, the code and the
 * plugin instance all come from the lease's generation. Arguments are
 * validated against the schema of that generation (ajv, loaded on the first
 * call, one compiled validator per tool version). Native-command skills go
 * to the skill runner with that generation's timeout; it checks the approval
 * again against the folder as it is at the moment of the call.
 */
import { createRequire } from 'node:module';
import type { ApprovalsStore } from '../plugin/approvals/index.js';
import type { ToolContext, ToolResult } from '../plugin/contract/tool.js';
import type { JsonSchema } from '../plugin/json-schema.js';
import type { IndexedSkill } from '../skills/discovery/types.js';
import { runNativeSkill } from '../skills/runner/index.js';
import { substitute } from '../skills/substitute.js';
import type { Lease } from './generation.js';
import { findTool } from './snapshot.js';
import type { RegistryTool } from './types.js';

/** Runs a native-command skill (default: the skill runner). `timeoutMs` is the generation's `sandbox.nativeTimeoutMs`. */
export type NativeRunner = (entry: IndexedSkill, args: Record<string, unknown>, ctx: ToolContext & { timeoutMs: number; expectedHash?: string }) => Promise<ToolResult>;

export interface CallOptions {
  signal?: AbortSignal;
  origin?: ToolContext['origin'];
  /** Progress, and a native command's standard output as it arrives, for a UI to stream. */
  log?: (message: string) => void;
  /** Where approvals are checked at call time: native commands (needed unless `runNative` is given), and plugin grants not revoked. */
  approvals?: Pick<ApprovalsStore, 'skillStatus'> & Partial<Pick<ApprovalsStore, 'getPluginApproval'>>;
  /** Variables weft set for itself (keys from config): never passed to a native command. */
  heldEnv?: ReadonlySet<string>;
  runNative?: NativeRunner;
}

function defaultNative(options: CallOptions): NativeRunner | undefined {
  const { approvals, heldEnv } = options;
  if (!approvals) return undefined;
  return (entry, args, ctx) => runNativeSkill(entry.skill, args, {
    workspace: ctx.workspace, signal: ctx.signal, timeoutMs: ctx.timeoutMs, approvals, bundled: entry.level === 'bundled',
    ...(ctx.expectedHash ? { expectedHash: ctx.expectedHash } : {}),
    ...(options.log ? { onOutput: ctx.log } : {}),
    ...(heldEnv ? { heldByWeft: heldEnv } : {}),
  });
}

/** A ToolResult stamped with what it ran on: the generation and the tool version (schema and code). */
export type RegistryCallResult = ToolResult & { generation: number; version: string };

type Validator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; keyword: string }> | null };
const validators = new Map<string, Validator>();

/** Per tool object (a snapshot's tools never change): the hot path of every call, no key to build. */
const byTool = new WeakMap<RegistryTool, Validator>();

function validatorFor(tool: RegistryTool): Validator {
  const cached = byTool.get(tool);
  if (cached) return cached;
  // A new generation's tool object: reuse the validator of an unchanged tool version.
  const key = `${tool.id}\0${tool.version}\0${JSON.stringify(tool.inputSchema)}`;
  let v = validators.get(key);
  if (!v) {
    const require = createRequire(import.meta.url);
    const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    v = new Ajv2020({ allErrors: true, strict: false }).compile(tool.inputSchema as JsonSchema) as Validator;
    if (validators.size > 500) validators.clear(); // old versions are not called again; keep memory bounded
    validators.set(key, v);
  }
  byTool.set(tool, v);
  return v;
}

async function runPlugin(lease: Lease, plugin: string, toolName: string, args: Record<string, unknown>, options: CallOptions): Promise<ToolResult> {
  // A revocation applies to the next call, even while the reload that follows it waits for old generations to drain.
  if (options.approvals?.getPluginApproval && !(await options.approvals.getPluginApproval(plugin))) {
    return { ok: false, kind: 'approval-required', error: `plugin ${plugin} is no longer approved; run \`weft plugin approve ${plugin}\`` };
  }
  const instance = await lease.instance(plugin);
  const outcome = await instance.callTool(toolName, JSON.stringify(args), options.signal ? { signal: options.signal } : {});
  return outcome.ok ? { ok: true, content: outcome.content } : { ok: false, kind: outcome.kind, error: outcome.error };
}

/** Synchronous up to the point where work starts: an instruction-only skill answers without a promise. */
function run(lease: Lease, tool: RegistryTool, args: Record<string, unknown>, options: CallOptions): ToolResult | Promise<ToolResult> {
  const { snapshot } = lease;
  if (tool.state !== 'ready') {
    return { ok: false, kind: tool.state === 'needs-approval' ? 'approval-required' : 'error', error: `${tool.id} cannot run: ${tool.reason ?? tool.state}` };
  }
  const validate = validatorFor(tool);
  if (!validate(args)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(arguments)'} ${e.message ?? e.keyword}`);
    return { ok: false, kind: 'invalid-arguments', error: `arguments for ${tool.id} do not match its schema: ${problems.join('; ')}` };
  }
  const { plugin, tool: toolName } = tool.source;
  if (tool.kind === 'plugin' && plugin && toolName) return runPlugin(lease, plugin, toolName, args, options);
  const entry = snapshot.skills.active.get(tool.id);
  if (!entry) return { ok: false, kind: 'error', error: `${tool.id} is not an active skill in generation ${lease.generation}` };
  if (tool.kind === 'instruction') {
    const text = typeof args.arguments === 'string' ? args.arguments : '';
    return { ok: true, content: substitute(entry.skill.body, { arguments: text, baseDir: entry.skill.dir }).trim() };
  }
  const runNative = options.runNative ?? defaultNative(options);
  if (!runNative) return { ok: false, kind: 'error', error: `${tool.id} runs a native command, and the call was given no approvals store to check it against` };
  return runNative(entry, args, {
    signal: options.signal ?? new AbortController().signal, workspace: snapshot.workspace?.root ?? process.cwd(),
    origin: options.origin ?? 'scripted', generation: lease.generation, log: options.log ?? (() => undefined),
    timeoutMs: snapshot.config.sandbox.nativeTimeoutMs,
    ...(snapshot.nativeApprovals.has(entry.skill.dir) ? { expectedHash: snapshot.nativeApprovals.get(entry.skill.dir)! } : {}),
  });
}

function failed(error: unknown, generation: number, version: string): RegistryCallResult {
  return { ok: false, kind: 'error', error: error instanceof Error ? error.message : String(error), generation, version };
}

/** Calls tool `id` on `lease`'s generation. Never rejects: failures are `{ok: false}` with a kind. */
export function callTool(lease: Lease, id: string, args: Record<string, unknown>, options: CallOptions = {}): Promise<RegistryCallResult> {
  const tool = findTool(lease.snapshot, id);
  const { generation } = lease;
  if (!tool) return Promise.resolve({ ok: false, kind: 'error', error: `no tool "${id}" in generation ${generation}`, generation, version: '' });
  const { version } = tool;
  // Results are fresh objects made for this call, so they are stamped in place.
  const stamp = (r: ToolResult): RegistryCallResult => Object.assign(r, { generation, version });
  try {
    const out = run(lease, tool, args, options);
    return out instanceof Promise ? out.then(stamp, (error: unknown) => failed(error, generation, version)) : Promise.resolve(stamp(out));
  } catch (error) {
    return Promise.resolve(failed(error, generation, version));
  }
}
