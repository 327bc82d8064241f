/**
 * The process exit codes of weft. Fixed: scripts depend on them, and the
 * README lists them. Never reuse or renumber.
 */
export const ExitCode = {
  ok: 0,
  /** Bad input, invalid skill or manifest, refused install, `check` found an error. */
  error: 1,
  /** Usage error, or an unknown command, subcommand or slash command. */
  usage: 2,
  /** An approval is required and nobody can answer (scripted mode, MCP). */
  approvalRequired: 3,
  /** A tool failed, including running out of fuel, memory or time; or an agent turn reached agent.maxTurns. */
  toolFailed: 4,
  /** The model provider failed, or no model is configured. */
  provider: 5,
  /** The input names an item of a workspace that is not trusted. */
  untrustedWorkspace: 6,
  /** Cancelled by the user (Ctrl-C, SIGINT). */
  cancelled: 130,
} as const;

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];

/** One line per code, in the order the README shows them. */
export const exitCodeTable: ReadonlyArray<{ code: ExitCodeValue; name: ExitCodeName; meaning: string }> = [
  { code: 0, name: 'ok', meaning: 'success' },
  { code: 1, name: 'error', meaning: 'error: bad input, invalid skill or manifest, refused install, `check` found an error' },
  { code: 2, name: 'usage', meaning: 'usage error, or an unknown command, subcommand or slash command' },
  { code: 3, name: 'approvalRequired', meaning: 'an approval is required and nobody can answer' },
  { code: 4, name: 'toolFailed', meaning: 'a tool failed (fuel, memory and deadline included), or an agent turn reached its turn limit' },
  { code: 5, name: 'provider', meaning: 'provider error, or no model configured' },
  { code: 6, name: 'untrustedWorkspace', meaning: 'the input needs an item of an untrusted workspace' },
  { code: 130, name: 'cancelled', meaning: 'cancelled' },
];
