/**
 * The REPL's state, without React: inputs run through the slash commands
 * (one at a time), results become entries for <Static>, approvals wait for
 * an answer, Ctrl-C cancels work first, and the status follows registry
 * events by itself. The Ink components only draw this and forward keys.
 */
import type { Agent, TurnHooks } from '../agent/index.js';
import { agentPort, sessionPort } from '../commands/session/agent-port.js';
import type { LiveRegistry } from '../registry/index.js';
import { currentCommands, grant, revokeGrant, runInput, statusFacts, type CommandResult, type GrantableApproval, type SlashContext, type StatusFacts } from '../slash/index.js';
import type { History } from './history.js';

export interface Entry {
  id: number;
  kind: 'input' | 'output' | 'error' | 'notice';
  text: string;
  fix?: string;
}

export interface ReplState {
  entries: Entry[];
  /** `output`: the last lines the running work printed, as it prints them. */
  running?: { input: string; startedAt: number; output: string };
  /** `retry`: the command to run again once approved; `resolve`: an agent turn waiting for the answer. */
  approval?: { approval: GrantableApproval; retry?: string; resolve?: (granted: boolean) => void };
  status: StatusFacts;
  /** A rebuild is running now. */
  reloading: boolean;
  /** Set for two seconds after the registry published a new generation. */
  reloadedAt?: number;
  /** How many times /clear ran (the screen is cleared and history redrawn from nothing). */
  clears: number;
  /** The first Ctrl-C on an empty line: the next one exits. */
  exitArmed: boolean;
  exited: boolean;
}

export type Answer = 'once' | 'always' | 'deny';

/** Lines of running output kept in the live region (the whole output lands in history when done). */
const LIVE_LINES = 8;

export class ReplController {
  private state: ReplState;
  private readonly listeners = new Set<(s: ReplState) => void>();
  private nextId = 1;
  private abort: AbortController | undefined;
  /** "Allow once" grants whose run led to another prompt: taken back once that one is settled. */
  private readonly revokeLater: GrantableApproval[] = [];
  /** The answer of the turn that is running: its text so far, and how much of it is in history. */
  private streamed: { text: string; shown: number } | undefined;
  /** "Allow once" grants given to the agent turn that is running. */
  private readonly turnGrants: GrantableApproval[] = [];
  private readonly offRegistry: () => void;

  constructor(private readonly registry: LiveRegistry, readonly history: History, private readonly agent: Agent) {
    this.state = { entries: [], status: statusFacts(registry.current()), clears: 0, reloading: false, exitArmed: false, exited: false };
    const offEvents = registry.on((e) => {
      if (e.type !== 'reloaded' && e.type !== 'diagnostics') return;
      const at = Date.now();
      this.set({ status: statusFacts(registry.current()), reloadedAt: at });
      setTimeout(() => { if (this.state.reloadedAt === at) this.set({ reloadedAt: undefined }); }, 2000).unref();
    });
    const offActivity = registry.onActivity((reloading) => this.set({ reloading }));
    this.offRegistry = () => { offEvents(); offActivity(); };
  }

  get current(): ReplState {
    return this.state;
  }

  subscribe(listener: (s: ReplState) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  commands() {
    return currentCommands({ registry: this.registry });
  }

  /** Runs one line (ignored while something runs or an approval waits). */
  async submit(line: string): Promise<void> {
    if (this.state.running || this.state.approval || this.state.exited) return;
    this.set({ exitArmed: false });
    if (!line.trim()) return;
    this.history.add(line.trimEnd());
    this.push({ kind: 'input', text: line });
    await this.run(line);
  }

  /** A line of history from outside a command (e.g. which conversation was resumed at start). */
  notice(text: string): void {
    this.push({ kind: 'notice', text });
  }

  /** Ctrl-C: cancel running work, else clear a typed line (the caller does), else arm exit, else exit. */
  interrupt(lineEmpty: boolean): 'cancelled' | 'denied' | 'cleared' | 'armed' | 'exit' {
    if (this.state.approval) { this.answer('deny'); return 'denied'; }
    if (this.state.running) { this.abort?.abort(); return 'cancelled'; }
    if (!lineEmpty) { this.set({ exitArmed: false }); return 'cleared'; }
    if (this.state.exitArmed) { this.exit(); return 'exit'; }
    this.set({ exitArmed: true });
    return 'armed';
  }

  /** Typing after the first Ctrl-C takes the "press Ctrl-C again" back. */
  disarm(): void {
    if (this.state.exitArmed) this.set({ exitArmed: false });
  }

  /** The person's answer to the approval prompt; Esc and Ctrl-C are `deny` (this once). */
  answer(choice: Answer): void {
    const pending = this.state.approval;
    if (!pending) return;
    this.set({ approval: undefined });
    if (choice === 'deny') {
      this.push({ kind: 'notice', text: `not approved: ${pending.approval.subject} did not run (${pending.approval.command} approves it later)` });
      pending.resolve?.(false);
      if (!pending.resolve) void this.settleOnce();
      return;
    }
    if (pending.resolve) void this.approveForTurn(pending.approval, pending.resolve, choice === 'once');
    else if (pending.retry !== undefined) void this.approveAndRetry(pending.approval, pending.retry, choice === 'once');
  }

  /** An agent turn's tool call waits for this: grant, then let the turn go on (a grant "once" is taken back when the turn ends). */
  private async approveForTurn(approval: GrantableApproval, resolve: (granted: boolean) => void, once: boolean): Promise<void> {
    try {
      await grant(this.registry, approval);
      if (once) this.turnGrants.push(approval);
      this.push({ kind: 'notice', text: `approved ${approval.subject}${once ? ' for this turn' : ''}: ${approval.summary}` });
      resolve(true);
    } catch (error) {
      this.push({ kind: 'error', text: `could not approve ${approval.subject}: ${error instanceof Error ? error.message : String(error)}` });
      resolve(false);
    }
  }

  exit(): void {
    this.abort?.abort();
    this.offRegistry();
    this.set({ exited: true });
  }

  private async approveAndRetry(approval: GrantableApproval, retry: string, once: boolean): Promise<void> {
    try {
      await grant(this.registry, approval);
      this.push({ kind: 'notice', text: `approved ${approval.subject}${once ? ' for this run' : ''}: ${approval.summary}` });
      await this.run(retry);
    } catch (error) {
      this.push({ kind: 'error', text: `could not approve ${approval.subject}: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      if (once) this.revokeLater.push(approval);
      await this.settleOnce();
    }
  }

  /** Takes back the "allow once" grants, unless another prompt (caused by them) still waits. */
  private async settleOnce(): Promise<void> {
    if (this.state.approval) return;
    for (const approval of this.revokeLater.splice(0).reverse()) await this.revoke(approval).catch(() => undefined);
  }

  /** When the REPL ends: nothing granted "once" outlives it. */
  async close(): Promise<void> {
    this.set({ approval: undefined });
    await this.settleOnce();
  }

  private revoke(approval: GrantableApproval): Promise<void> {
    return revokeGrant(this.registry, approval);
  }

  private async run(line: string): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const running = { input: line, startedAt: Date.now(), output: '' };
    this.set({ running });
    const onOutput = (text: string): void => {
      if (this.state.running?.startedAt !== running.startedAt) return;
      const output = (this.state.running.output + text).split('\n').slice(-LIVE_LINES - 1).join('\n');
      this.set({ running: { ...this.state.running, output } });
    };
    const ctx: SlashContext = {
      registry: this.registry, signal: abort.signal, interactive: true, autoApprove: false, commands: () => this.commands(), onOutput,
      agent: agentPort(this.agent, () => this.turnHooks(onOutput), true), sessions: sessionPort(this.agent),
    };
    let result: CommandResult | undefined;
    try {
      result = await runInput(line, ctx);
    } catch (error) {
      result = { kind: 'error', message: error instanceof Error ? error.message : String(error), exitCode: 1 };
    } finally {
      this.abort = undefined;
      this.set({ running: undefined });
    }
    // Grants "once" made during an agent turn end with it (newest first: a skill before its workspace).
    for (const approval of this.turnGrants.splice(0).reverse()) await this.revoke(approval).catch(() => undefined);
    if (abort.signal.aborted && result?.kind === 'error') result = { kind: 'error', message: `cancelled: ${line}`, exitCode: 130 };
    this.show(result);
  }

  /** How a turn shows while it runs: the answer streams in the live region, each tool call is a line of history. */
  private turnHooks(onText: (text: string) => void): TurnHooks {
    const answer = { text: '', shown: 0 };
    this.streamed = answer;
    return {
      onText: (text) => { answer.text += text; onText(text); },
      onToolStart: (call, toolId) => {
        // what the model said before calling lands in history first, so the lines keep its order
        const said = answer.text.slice(answer.shown).trim();
        if (said) {
          this.push({ kind: 'output', text: said });
          answer.shown = answer.text.length;
          if (this.state.running) this.set({ running: { ...this.state.running, output: '' } });
        }
        this.push({ kind: 'notice', text: `→ ${toolId ?? call.name} ${JSON.stringify(call.arguments).slice(0, 200)}` });
      },
      onToolEnd: (r, content) => this.push({ kind: r.ok ? 'notice' : 'error', text: `${r.ok ? '✓' : '✗'} ${r.toolId ?? r.call.name} (${Math.round(r.ms)} ms)${r.ok ? '' : `: ${content.split('\n', 1)[0]!.slice(0, 200)}`}` }),
      approve: (approval) => new Promise<boolean>((resolve) => this.set({ approval: { approval, resolve } })),
    };
  }

  private show(result: CommandResult | undefined): void {
    if (!result) return;
    switch (result.kind) {
      case 'text': case 'tool': this.push({ kind: 'output', text: result.text }); break;
      case 'answer': {
        // the part not already in history (text before tool calls went there as it happened)
        const done = this.streamed;
        const rest = done && result.text.startsWith(done.text.slice(0, done.shown)) ? result.text.slice(done.shown).trim() : result.text;
        this.streamed = undefined;
        if (rest) this.push({ kind: 'output', text: rest });
        if (result.failed) this.push({ kind: 'error', text: result.failed.message, ...(result.failed.fix ? { fix: result.failed.fix } : {}) });
        break;
      }
      case 'error': this.push({ kind: 'error', text: result.message, ...(result.fix ? { fix: result.fix } : {}) }); break;
      case 'approval-required': this.set({ approval: { approval: result.approval as GrantableApproval, retry: result.retry } }); break;
      case 'clear': this.set({ entries: [], clears: this.state.clears + 1 }); break;
      case 'exit': this.exit(); break;
    }
  }

  private push(entry: Omit<Entry, 'id'>): void {
    this.set({ entries: [...this.state.entries, { id: this.nextId++, ...entry }] });
  }

  private set(patch: Partial<ReplState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}
