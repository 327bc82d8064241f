import pty from '@lydell/node-pty';
import { weftBin } from './run-weft.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007|\u001b[()][A-Z0-9]|\u001b[=>]/g;

export interface PtyWeft {
  /** Everything printed so far, ANSI sequences removed. */
  text(): string;
  /** Everything printed so far, as the terminal received it. */
  raw(): string;
  /** Text printed since mark() was last called. */
  since(mark: number): string;
  mark(): number;
  type(text: string): Promise<void>;
  /** Types a line: the text, then Enter as its own write (one chunk would be a paste). */
  line(text: string): Promise<void>;
  key(sequence: string): void;
  waitFor(pattern: string | RegExp, from?: number, timeoutMs?: number): Promise<void>;
  exited: Promise<number>;
  kill(): void;
}

export const CTRL_C = '\u0003';
export const CTRL_D = '\u0004';
export const ESC = '\u001b';

/** The real `weft` in a pseudo-terminal (CI=false so Ink draws live), with the ready marker on. */
export function spawnWeftPty(options: { cwd: string; env: NodeJS.ProcessEnv; args?: string[] }): PtyWeft {
  const child = pty.spawn(process.execPath, [weftBin, ...(options.args ?? [])], {
    cols: 120, rows: 40, cwd: options.cwd,
    env: { ...options.env, CI: 'false', WEFT_READY_MARKER: '1', TERM: 'xterm-256color', FORCE_COLOR: '0' } as Record<string, string>,
  });
  let raw = '';
  child.onData((d) => { raw += d; });
  const exited = new Promise<number>((resolve) => child.onExit((e) => resolve(e.exitCode)));
  const text = (): string => raw.replace(ANSI, '').replace(/\r/g, '');
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return {
    text,
    raw: () => raw,
    since: (mark) => text().slice(mark),
    mark: () => text().length,
    type: async (s) => { child.write(s); await pause(50); },
    line: async (s) => { child.write(s); await pause(80); child.write('\r'); await pause(50); },
    key: (s) => child.write(s),
    waitFor: async (pattern, from = 0, timeoutMs = 10_000) => {
      const end = Date.now() + timeoutMs;
      const matches = () => { const t = text().slice(from); return typeof pattern === 'string' ? t.includes(pattern) : pattern.test(t); };
      while (!matches()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${String(pattern)}; screen so far:\n${text().slice(-2000)}`);
        await pause(20);
      }
    },
    exited,
    kill: () => { try { child.kill(); } catch { /* gone */ } },
  };
}
