import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** Where a problem is and how to fix it: every user-facing error carries these. */
export interface ProblemDetails {
  /** Stable, machine-readable code, e.g. `manifest-invalid`, `config-value`. */
  code: string;
  file?: string;
  /** Dotted path of the offending field, e.g. `resources.max_fuel`. */
  field?: string;
  value?: unknown;
  /** What to do about it, one sentence. */
  fix?: string;
}

/**
 * The one error type weft throws for anything the user can fix. It carries
 * the exit code scripted mode uses, so commands never map errors by hand.
 */
export class WeftError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly details: ProblemDetails;

  constructor(message: string, details: ProblemDetails, exitCode: ExitCodeValue = ExitCode.error) {
    super(message);
    this.name = 'WeftError';
    this.details = details;
    this.exitCode = exitCode;
  }
}

export class UsageError extends WeftError {
  constructor(message: string, fix?: string) {
    super(message, { code: 'usage', ...(fix ? { fix } : {}) }, ExitCode.usage);
    this.name = 'UsageError';
  }
}

export function isWeftError(error: unknown): error is WeftError {
  return error instanceof WeftError;
}
