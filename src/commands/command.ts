import type { WeftPaths } from '../config/paths.js';

/** The option as typed on the command line: `trustWorkspace` → `--trust-workspace`. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export type FlagType = 'string' | 'boolean' | 'number';

export interface FlagSpec {
  type: FlagType;
  shortFlag?: string;
  isMultiple?: boolean;
  description: string;
}

/** What a verb's `run` receives: parsed argv plus where weft lives. */
export interface CommandInput {
  args: string[];
  flags: Record<string, unknown>;
  json: boolean;
  paths: WeftPaths;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** One CLI verb. `run` resolves to the exit code; errors are thrown as WeftError. */
export interface CommandModule {
  name: string;
  usage: string;
  description: string;
  flags: Record<string, FlagSpec>;
  run(input: CommandInput): Promise<number>;
}
