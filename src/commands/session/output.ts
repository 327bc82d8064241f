/**
 * Scripted-mode output. text: results on stdout, errors on stderr.
 * json: one envelope at the end (every input's result in `data.results`).
 * stream-json: one JSON object per line as things happen: text, tool_call,
 * tool_result, approval_required, error, done.
 */
import type { ScriptedResultJson } from '../../plugin/output.js';
import type { CommandResult } from '../../slash/index.js';
import type { Diagnostic } from '../../plugin/diagnostic.js';
import { exitCodeTable } from '../../plugin/exit-codes.js';
import { plain } from '../report.js';

/** `approvalRequired` → `approval-required`: the error code of a scripted failure, from its exit code. */
function exitCodeName(code: number): string {
  const name = exitCodeTable.find((e) => e.code === code)?.name ?? 'error';
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export type OutputFormat = 'text' | 'json' | 'stream-json';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'stream-json'];

export type StreamEvent =
  | { type: 'text'; text: string }
  /** `input`: the line that ran a command; `id` and `arguments`: a call the model made. */
  | { type: 'tool_call'; tool: string; input?: string; id?: string; arguments?: unknown }
  | { type: 'tool_result'; tool: string; id?: string; ok: boolean; content: string; generation?: number }
  | { type: 'warning'; code: string; file: string; field?: string; problem: string; fix: string }
  | { type: 'approval_required'; kind: string; subject: string; summary: string; command: string }
  | { type: 'answer'; text: string; session: string }
  | { type: 'error'; message: string; fix?: string; exitCode: number }
  | { type: 'done'; exitCode: number };

export interface ResultRecord {
  input: string;
  result: CommandResult | { kind: 'none' };
  exitCode: number;
}

/** The declared shape of one result (plugin/output.ts), nothing internal. */
function resultJson(record: ResultRecord): ScriptedResultJson {
  const r = record.result;
  const base = { input: record.input, exitCode: record.exitCode, kind: r.kind };
  switch (r.kind) {
    case 'text': return { ...base, text: r.text };
    case 'tool': return { ...base, tool: r.tool, text: r.text };
    case 'error': return { ...base, message: r.message, ...(r.fix ? { fix: r.fix } : {}), ...(r.tool ? { tool: r.tool } : {}) };
    case 'approval-required': {
      const { kind, subject, summary, command } = r.approval;
      return { ...base, message: `${subject} needs approval (${summary}) and nobody can answer here`, fix: `Run \`${command}\`, or add --yes.`, approval: { kind, subject, summary, command } };
    }
    case 'answer': {
      const refused = r.refused.map(({ kind, subject, summary, command }) => ({ kind, subject, summary, command }));
      const failure = answerFailure(r, record.exitCode);
      return { ...base, text: r.text, session: r.session, tools: r.tools, ...(refused.length ? { refused } : {}), ...(failure ? { message: failure.message, ...(failure.fix ? { fix: failure.fix } : {}) } : {}) };
    }
    default: return base;
  }
}

type Answer = Extract<CommandResult, { kind: 'answer' }>;

/** Why an answer ends with a non-zero exit: the turn failed, or (exit 3) a tool call waited for an approval nobody gave. */
function answerFailure(r: Answer, exitCode: number): { message: string; fix?: string } | undefined {
  if (r.failed) return r.failed;
  if (exitCode !== 3 || r.refused.length === 0) return undefined;
  const a = r.refused[0]!;
  return { message: `the model called ${a.subject}, which needs approval (${a.summary}) that nobody can give here`, fix: `Run \`${a.command}\`, or add --yes, then ask again.` };
}

export class ScriptedOutput {
  private readonly records: ResultRecord[] = [];
  private readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly format: OutputFormat, private readonly stdout: NodeJS.WritableStream, private readonly stderr: NodeJS.WritableStream) {}

  private event(e: StreamEvent): void {
    if (this.format === 'stream-json') this.stdout.write(`${JSON.stringify(e)}\n`);
  }

  started(input: string, tool: string | undefined): void {
    if (tool) this.event({ type: 'tool_call', tool, input });
  }

  /** The agent's answer as it streams (text mode prints it at once; json waits for the end). */
  text(delta: string): void {
    this.event({ type: 'text', text: delta });
    if (this.format === 'text') this.stdout.write(plain(delta));
  }

  /** A tool call of the agent, and its result (matched by the call's id). */
  toolCall(tool: string, id: string, args: unknown): void {
    this.event({ type: 'tool_call', tool, id, arguments: args });
  }

  toolResult(tool: string, id: string, ok: boolean, content: string): void {
    this.event({ type: 'tool_result', tool, id, ok, content });
  }

  /** An approval a call of the agent waited for, which nobody here can give. */
  approvalNeeded(a: { kind: string; subject: string; summary: string; command: string }): void {
    this.event({ type: 'approval_required', kind: a.kind, subject: a.subject, summary: a.summary, command: a.command });
  }

  /** Config warnings: in the envelope (json), as events (stream-json); text mode printed them already. */
  warnings(diagnostics: readonly Diagnostic[]): void {
    this.diagnostics.push(...diagnostics);
    for (const d of diagnostics) this.event({ type: 'warning', code: d.code, file: d.file, ...(d.field ? { field: d.field } : {}), problem: d.problem, fix: d.fix });
  }

  result(record: ResultRecord): void {
    this.records.push(record);
    const r = record.result;
    switch (r.kind) {
      case 'text':
        this.event({ type: 'text', text: r.text });
        if (this.format === 'text') this.stdout.write(`${plain(r.text)}\n`);
        break;
      case 'tool':
        this.event({ type: 'tool_result', tool: r.tool, ok: true, content: r.text, generation: r.generation });
        if (this.format === 'text') this.stdout.write(r.text.endsWith('\n') ? plain(r.text) : `${plain(r.text)}\n`);
        break;
      case 'approval-required': {
        const a = r.approval;
        this.event({ type: 'approval_required', kind: a.kind, subject: a.subject, summary: a.summary, command: a.command });
        this.failure(`${a.subject} needs approval (${a.summary}) and nobody can answer here`, `Run \`${a.command}\`, or add --yes to approve what this invocation needs.`, record.exitCode);
        break;
      }
      case 'answer': {
        if (this.format === 'text' && !r.streamed && r.text) this.stdout.write(plain(r.text));
        if (this.format === 'text' && r.text && !r.text.endsWith('\n')) this.stdout.write('\n');
        this.event({ type: 'answer', text: r.text, session: r.session });
        const failure = answerFailure(r, record.exitCode);
        if (failure) this.failure(failure.message, failure.fix, record.exitCode);
        break;
      }
      case 'error':
        if (r.tool) this.event({ type: 'tool_result', tool: r.tool, ok: false, content: r.message });
        this.failure(r.message, r.fix, record.exitCode);
        break;
      default:
        break;
    }
  }

  private failure(message: string, fix: string | undefined, exitCode: number): void {
    this.event({ type: 'error', message, ...(fix ? { fix } : {}), exitCode });
    if (this.format === 'text') this.stderr.write(plain(`weft: ${message}\n${fix ? `  fix: ${fix}\n` : ''}`));
  }

  done(exitCode: number): void {
    this.event({ type: 'done', exitCode });
    if (this.format !== 'json') return;
    const results = this.records.map(resultJson);
    const failed = results.find((r) => r.exitCode !== 0);
    const diagnostics = this.diagnostics.length ? { diagnostics: this.diagnostics } : {};
    const envelope = failed
      ? { ok: false, exitCode, error: { code: exitCodeName(failed.exitCode), message: failed.message ?? failed.input, ...(failed.fix ? { fix: failed.fix } : {}) }, data: { results }, ...diagnostics }
      : { ok: true, data: { results }, ...diagnostics };
    this.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`);
  }
}
