/**
 * The agent as the REPL and scripted mode use it: one conversation (a
 * session, kept in memory after every turn) and turns run on the live
 * registry. `--continue`, `--resume <id>` and `/resume` open a kept one.
 */
import path from 'node:path';
import type { WeftPaths } from '../config/paths.js';
import { JsonlMemory, newSessionId, SessionStore, type SessionSummary, type StoredSession } from '../memory/index.js';
import type { MemoryBackend } from '../plugin/contract/memory.js';
import { UsageError } from '../plugin/errors.js';
import type { LiveRegistry } from '../registry/index.js';
import type { ChatMessage } from './messages.js';
import { runTurn, type TurnHooks, type TurnOutcome } from './turn.js';

export interface AgentOptions {
  registry: LiveRegistry;
  paths: WeftPaths;
  /** Defaults to JSON lines under `$CLAWFT_HOME/memory/`. */
  memory?: MemoryBackend;
  env?: NodeJS.ProcessEnv;
}

/** A session that cannot be opened: which, and what exists instead (a usage error, exit 2). */
export class SessionNotFound extends UsageError {
  constructor(message: string, readonly fix: string) {
    super(message, fix);
    this.name = 'SessionNotFound';
  }
}

export function memoryDir(paths: WeftPaths): string {
  return path.join(paths.clawftHome, 'memory');
}

export class Agent {
  readonly memory: MemoryBackend;
  readonly sessions: SessionStore<ChatMessage>;
  private session: StoredSession<ChatMessage>;

  constructor(private readonly options: AgentOptions) {
    this.memory = options.memory ?? new JsonlMemory({ dir: memoryDir(options.paths) });
    this.sessions = new SessionStore<ChatMessage>(this.memory);
    this.session = this.fresh();
  }

  /** Where sessions are grouped: the workspace root, else the working directory. */
  private cwd(): string {
    return this.options.registry.current().workspace?.root ?? process.cwd();
  }

  private fresh(): StoredSession<ChatMessage> {
    const now = new Date().toISOString();
    return { id: newSessionId(), cwd: this.cwd(), createdAt: now, updatedAt: now, title: '', messages: [] };
  }

  get sessionId(): string {
    return this.session.id;
  }

  get history(): readonly ChatMessage[] {
    return this.session.messages;
  }

  /** Opens a kept session by id (or unique prefix). */
  async resume(idOrPrefix: string): Promise<StoredSession<ChatMessage>> {
    const found = await this.sessions.find(idOrPrefix);
    if (!found.session) {
      const fix = found.candidates.length > 1 ? `It matches ${found.candidates.join(', ')}: give more of the id.` : '`/resume` lists the sessions kept (weft --continue opens the latest one here).';
      throw new SessionNotFound(`no session ${found.candidates.length > 1 ? 'is uniquely named' : 'is named'} "${idOrPrefix}"`, fix);
    }
    this.session = found.session;
    return found.session;
  }

  /** Opens the latest session of this workspace (or directory). */
  async continueLatest(): Promise<StoredSession<ChatMessage>> {
    const [latest] = await this.sessions.list(this.cwd(), 1);
    if (!latest) throw new SessionNotFound(`there is no earlier session in ${this.cwd()} to continue`, 'Leave out --continue to start one (weft --resume <id> opens one from elsewhere).');
    return this.resume(latest.id);
  }

  /** A new conversation (the current one stays kept). */
  startNew(): void {
    this.session = this.fresh();
  }

  list(all = false): Promise<SessionSummary[]> {
    return this.sessions.list(all ? undefined : this.cwd());
  }

  /** Runs one turn; what it added joins the session, which is saved. */
  async turn(text: string, hooks: TurnHooks, signal: AbortSignal, skill?: string): Promise<TurnOutcome> {
    const outcome = await runTurn({ registry: this.options.registry, paths: this.options.paths, memory: this.memory, ...(this.options.env ? { env: this.options.env } : {}) },
      { text, history: this.session.messages, session: this.session.id, ...(skill ? { skill } : {}) }, hooks, signal);
    if (outcome.messages.length > 0) {
      this.session = {
        ...this.session, title: this.session.title || `${skill ? `/${skill} ` : ''}${text}`.split('\n', 1)[0]!.slice(0, 80),
        messages: [...this.session.messages, ...outcome.messages],
      };
      await this.sessions.save(this.session);
    }
    return outcome;
  }
}
