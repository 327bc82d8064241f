/**
 * Prompt history, persisted in `$CLAWFT_HOME/history` (one input per line,
 * newlines escaped). Appending never rewrites what is there; the file is
 * trimmed (rewritten atomically) only when it grows past twice the limit.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const HISTORY_LIMIT = 500;

const encode = (line: string): string => line.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const decode = (line: string): string => line.replace(/\\(n|\\)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));

export class History {
  readonly entries: string[];

  constructor(private readonly file: string) {
    let text = '';
    try { text = readFileSync(file, 'utf8'); } catch { /* no history yet */ }
    this.entries = text.split('\n').filter(Boolean).map(decode).slice(-HISTORY_LIMIT);
  }

  add(line: string): void {
    if (!line.trim() || this.entries.at(-1) === line) return;
    this.entries.push(line);
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${encode(line)}\n`, { mode: 0o600 });
      if (this.entries.length > HISTORY_LIMIT * 2) this.trim();
    } catch { /* history is a convenience: never fail an input over it */ }
  }

  private trim(): void {
    this.entries.splice(0, this.entries.length - HISTORY_LIMIT);
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, this.entries.map((l) => `${encode(l)}\n`).join(''), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
