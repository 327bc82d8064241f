/**
 * Stopping a native command and everything it started. The command runs as
 * the leader of its own process group (spawned detached), so signalling the
 * negative pid reaches its children and grandchildren too, which a kill of
 * the child alone would leave running (and holding our pipes open).
 *
 * SIGTERM first, so well-behaved programs can clean up; SIGKILL after the
 * grace period, or as soon as the leader has exited, for whatever is left.
 * POSIX only: on Windows `detached` means something else and negative pids
 * do not exist.
 */
export const KILL_GRACE_MS = 2_000;

export class ProcessGroup {
  readonly #pgid: number;
  readonly #graceMs: number;
  #timer: NodeJS.Timeout | undefined;
  #stopping = false;

  constructor(pgid: number, graceMs = KILL_GRACE_MS) {
    this.#pgid = pgid;
    this.#graceMs = graceMs;
  }

  get stopping(): boolean {
    return this.#stopping;
  }

  /** SIGTERM the group now, SIGKILL it after the grace period. Idempotent. */
  stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#signal('SIGTERM');
    this.#timer = setTimeout(() => this.#signal('SIGKILL'), this.#graceMs);
    // The grace timer must not keep weft alive on its own.
    this.#timer.unref();
  }

  /**
   * The leader has exited and its pipes are closed. Anything still in the
   * group was started by the command and outlived it; a tool call leaves
   * nothing running, so it is killed now (ESRCH, the usual case, is ignored).
   */
  finish(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#signal('SIGKILL');
  }

  #signal(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.#pgid, signal);
    } catch {
      // ESRCH: the group is already gone. EPERM: a member changed its user
      // (setuid); nothing more can be done about it from here.
    }
  }
}
