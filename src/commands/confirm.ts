import { createInterface } from 'node:readline/promises';
import { WeftError } from '../plugin/errors.js';
import { ExitCode } from '../plugin/exit-codes.js';

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
  } catch (error) {
    // Ctrl-C or Ctrl-D at the prompt: nothing is done, and scripts see 130.
    if ((error as { code?: string }).code === 'ABORT_ERR' || (error as Error).name === 'AbortError') {
      throw new WeftError('cancelled: nothing was changed', { code: 'cancelled' }, ExitCode.cancelled);
    }
    throw error;
  } finally {
    rl.close();
  }
}
