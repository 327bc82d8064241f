/**
 * Running the model's tool calls: all of one reply at once (the model asked
 * for them together), results returned in call order. Every call goes
 * through the registry (validation, permissions, approvals checked at call
 * time, audit). A tool awaiting approval asks the person through `approve`
 * (one prompt at a time); without an answer the model is told what would
 * approve it, and the call is not run.
 */
import type { ToolFailureKind } from '../plugin/contract/tool.js';
import { findTool, pendingApproval, type GrantableApproval, type LiveRegistry } from '../registry/index.js';
import { ACTIVATE_SKILL, activateSkill } from './activate.js';
import type { ChatMessage, ToolCall } from './messages.js';
import { agentToolView } from './tools.js';

/** What the model may read of one result: beyond this the rest is cut (and it is told so). */
export const MAX_RESULT_CHARS = 100_000;

export interface ToolCallRecord {
  call: ToolCall;
  /** The registry tool it ran (absent for activate_skill and unknown names). */
  toolId?: string;
  ok: boolean;
  failure?: ToolFailureKind | 'unknown-tool' | 'not-approved';
  ms: number;
  /** Set when the call waited for an approval nobody gave. */
  refused?: GrantableApproval;
}

export interface ExecutorHooks {
  /** Asks a person; resolves true once the approval is granted (and the registry reloaded). */
  approve?: (approval: GrantableApproval) => Promise<boolean>;
  onToolStart?: (call: ToolCall, toolId: string | undefined) => void;
  onToolEnd?: (record: ToolCallRecord, content: string) => void;
  /** A native command's output as it arrives. */
  onOutput?: (text: string) => void;
}

function clip(text: string): string {
  return text.length <= MAX_RESULT_CHARS ? text : `${text.slice(0, MAX_RESULT_CHARS)}\n[output cut at ${MAX_RESULT_CHARS} characters]`;
}

export class ToolExecutor {
  /** Approvals are asked one at a time: two prompts at once would be unanswerable. */
  private approvals: Promise<unknown> = Promise.resolve();

  constructor(private readonly registry: LiveRegistry, private readonly hooks: ExecutorHooks = {}) {}

  /** Runs `calls` concurrently; one tool message per call, in call order. */
  async run(calls: readonly ToolCall[], signal: AbortSignal): Promise<{ messages: ChatMessage[]; records: ToolCallRecord[] }> {
    const done = await Promise.all(calls.map((call) => this.one(call, signal)));
    return { messages: done.map((d) => d.message), records: done.map((d) => d.record) };
  }

  private async one(call: ToolCall, signal: AbortSignal): Promise<{ message: ChatMessage; record: ToolCallRecord }> {
    let started = performance.now();
    const snapshot = this.registry.current();
    const tool = agentToolView(snapshot).byName.get(call.name);
    this.hooks.onToolStart?.(call, tool?.id);
    const finish = (ok: boolean, content: string, extra: Partial<ToolCallRecord> = {}) => {
      const record: ToolCallRecord = { call, ok, ms: performance.now() - started, ...(tool ? { toolId: tool.id } : {}), ...extra };
      const message: ChatMessage = { role: 'tool', toolCallId: call.id, name: call.name, content: clip(content), ...(ok ? {} : { isError: true }) };
      this.hooks.onToolEnd?.(record, message.content);
      return { message, record };
    };
    if (call.name === ACTIVATE_SKILL) {
      const r = activateSkill(snapshot, call.arguments);
      return r.ok ? finish(true, r.content) : finish(false, r.error, { failure: r.kind });
    }
    if (!tool) {
      const names = agentToolView(snapshot).tools.map((t) => t.name).join(', ');
      return finish(false, `there is no tool named "${call.name}"; the tools are: ${names}`, { failure: 'unknown-tool' });
    }
    if (tool.state === 'needs-approval') {
      const asked = performance.now();
      const refused = await this.askApproval(tool.id);
      started += performance.now() - asked; // the time is the tool's, not the person's
      if (refused) {
        return finish(false, `${tool.id} was not run: it needs the user's approval, which was not given (\`${refused.command}\` approves it)`, { failure: 'not-approved', refused });
      }
    }
    const result = await this.registry.call(tool.id, call.arguments, { signal, origin: 'agent', ...(this.hooks.onOutput ? { log: this.hooks.onOutput } : {}) });
    return result.ok ? finish(true, result.content) : finish(false, `${tool.id} failed (${result.kind}): ${result.error}`, { failure: result.kind });
  }

  /** Undefined when the tool may now run; else the approval that was not given. */
  private askApproval(id: string): Promise<GrantableApproval | undefined> {
    const next = this.approvals.then(async () => {
      const snapshot = this.registry.current();
      const tool = findTool(snapshot, id);
      if (!tool || tool.state !== 'needs-approval') return undefined; // granted meanwhile (a parallel call asked first)
      const approval = await pendingApproval(tool, snapshot);
      // none a person could give here (e.g. the folder cannot be hashed): refused, naming the command that would
      if (!approval) return { kind: tool.kind === 'plugin' ? 'plugin' as const : 'native-skill' as const, subject: id, summary: tool.reason ?? 'needs approval', command: tool.approveCommand ?? `weft skill approve ${id}` };
      return (await this.hooks.approve?.(approval)) ? undefined : approval;
    });
    this.approvals = next.catch(() => undefined);
    return next;
  }
}
