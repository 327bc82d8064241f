import { createInterface } from 'node:readline/promises';

export type Answer = 'yes' | 'no' | 'nobody';

/**
 * Asks a yes/no question on the terminal. `nobody` when stdin is not a TTY:
 * scripted callers must pass `--yes`, and exit 3 otherwise.
 */
export async function confirm(question: string, stderr: NodeJS.WritableStream): Promise<Answer> {
  if (!process.stdin.isTTY) return 'nobody';
  const rl = createInterface({ input: process.stdin, output: stderr });
  try {
    const reply = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    return reply === 'y' || reply === 'yes' ? 'yes' : 'no';
  } finally {
    rl.close();
  }
}
