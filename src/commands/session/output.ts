/**
 * Scripted-mode output. text: results on stdout, errors on stderr.
 * json: one envelope at the end (every input's result in `data.results`).
 * stream-json: one JSON object per line as things happen: text, tool_call,
 * tool_result, approval_required, error, done.
 */
import type { ScriptedResultJson } from '../../plugin/output.js';
import type { CommandResult } from '../../slash/index.js';
import { plain } from '../report.js';

export type OutputFormat = 'text' | 'json' | 'stream-json';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'stream-json'];

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; tool: string; input: string }
  | { type: 'tool_result'; tool: string; ok: boolean; content: string; generation?: number }
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
      return { ...base, text: r.text, session: r.session, ...(refused.length ? { refused } : {}), ...(failure ? { message: failure.message, ...(failure.fix ? { fix: failure.fix } : {}) } : {}) };
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

  /** A tool call of the agent, and its result. */
  toolCall(tool: string, input: unknown): void {
    this.event({ type: 'tool_call', tool, input: JSON.stringify(input) });
  }

  toolResult(tool: string, ok: boolean, content: string): void {
    this.event({ type: 'tool_result', tool, ok, content });
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
    const envelope = failed
      ? { ok: false, exitCode, error: { message: failed.message ?? failed.input, ...(failed.fix ? { fix: failed.fix } : {}) }, data: { results } }
      : { ok: true, data: { results } };
    this.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`);
  }
}
