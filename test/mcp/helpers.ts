import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { DEFAULT_ADMISSION_LIMITS } from '../../src/sandbox/admission/index.js';
import { readPlugin } from '../../src/sandbox/catalogue/index.js';
import { repoRoot, weftBin } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';

export const ECHO = 'dev.weft.test.echo-wat';

/** A schema with what SDK helpers tend to rewrite: $defs/$ref, oneOf, an integer without maximum, no additionalProperties. */
export const TRICKY_SCHEMA = {
  type: 'object',
  $defs: { word: { type: 'string', minLength: 1, description: 'One word.' } },
  properties: {
    text: { $ref: '#/$defs/word' },
    count: { type: 'integer', minimum: 1 },
    mode: { oneOf: [{ const: 'loud' }, { const: 'quiet' }] },
  },
  required: ['text'],
};

/**
 * A weft home with one of each kind of tool: an instruction-only skill (howto), an
 * approved native-command skill with a tricky schema (shout), an unapproved one
 * (pending), a hidden one (disable-model-invocation), and the echo-wat plugin, approved.
 */
export async function mcpHome(): Promise<TempHome & { managed: string }> {
  const t = makeTempHome();
  const managed = path.join(t.clawftHome, 'skills');
  writeSkill(managed, 'howto', { name: 'howto', description: 'How to do a thing.', body: 'Do $ARGUMENTS carefully.' });
  writeSkill(managed, 'shout', { name: 'shout', description: 'Prints its text.',
    extra: `metadata: ${JSON.stringify({ weft: { tool: { input: TRICKY_SCHEMA, run: ['printf', '<%s>', '{text}'] } } })}` });
  writeSkill(managed, 'pending', { name: 'pending', description: 'Not approved yet.',
    extra: `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object' }, run: ['true'] } } })}` });
  writeSkill(managed, 'hidden', { name: 'hidden', description: 'Only for people.', extra: 'disable-model-invocation: true' });
  const approvals = new ApprovalsStore(path.join(t.clawftHome, 'approvals.json'));
  await approvals.approveSkill(path.join(managed, 'shout'));
  const dir = path.join(t.clawftHome, 'plugins', ECHO);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(repoRoot, 'plugins', 'echo-wat', 'echo-wat.wasm'), path.join(dir, 'echo-wat.wasm'));
  writeFileSync(path.join(dir, 'clawft.plugin.json'), readFileSync(path.join(repoRoot, 'plugins', 'echo-wat', 'clawft.plugin.json')));
  const record = await readPlugin(dir, 'managed', DEFAULT_ADMISSION_LIMITS);
  const m = record.manifest!;
  await approvals.approvePlugin(m.id, { contentHash: record.contentHash!, version: m.version, permissions: m.permissions, tools: m.tools });
  return Object.assign(t, { managed });
}

export function spawnMcp(t: TempHome, args: string[] = []): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [weftBin, 'mcp', ...args], { cwd: t.project, env: t.env, stdio: ['pipe', 'pipe', 'pipe'] });
}

type Json = Record<string, unknown>;

/** A JSON-RPC client written here, newline-delimited over a child's stdio: what the wire carries, nothing more. */
export class RawStdioClient {
  readonly messages: Json[] = [];
  stderr = '';
  private buffer = '';
  private nextId = 1;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      this.buffer += d;
      let at;
      while ((at = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, at);
        this.buffer = this.buffer.slice(at + 1);
        if (line.trim()) this.messages.push(JSON.parse(line) as Json);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { this.stderr += d; });
  }

  send(message: Json | string): void {
    this.child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  }

  async request(method: string, params?: Json, timeoutMs = 10_000): Promise<Json> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
    return this.waitFor((m) => m.id === id, `reply to ${method}`, timeoutMs);
  }

  notifications(method: string): Json[] {
    return this.messages.filter((m) => m.method === method);
  }

  async initialize(protocolVersion: string): Promise<Json> {
    const reply = await this.request('initialize', { protocolVersion, capabilities: {}, clientInfo: { name: 'raw-test', version: '1' } });
    this.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return reply;
  }

  async waitFor(match: (m: Json) => boolean, what: string, timeoutMs = 10_000): Promise<Json> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  exited(): Promise<number | null> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
  }
}
