/**
 * A pool of one: a worker started ahead of time, booted and waiting for a
 * plugin, so a load does not pay the ~20–40 ms of thread start. Plugins call
 * refill() once their own worker has loaded, so the next spare boots while
 * the machine is otherwise idle instead of competing with the load.
 */
import { PluginWorker } from './plugin-worker.js';

/** What a plugin takes its workers from. */
export interface WorkerSource {
  take(): PluginWorker;
  /** Called once the taken worker has loaded: a good moment to boot the next spare. */
  refill(): void;
}

/** A source that hands out one given worker (already booting), then new ones. */
export function oneShot(worker: PluginWorker): WorkerSource {
  let first: PluginWorker | undefined = worker;
  return {
    take: () => {
      const taken = first?.alive ? first : new PluginWorker();
      first = undefined;
      return taken;
    },
    refill: () => undefined,
  };
}

export class WorkerPool implements WorkerSource {
  private spare: PluginWorker | undefined;
  private closed = false;

  constructor(private readonly keepSpare: boolean = true) {}

  /** The spare's thread, if one is started (for logs and tests). */
  get spareThreadId(): number | undefined {
    return this.spare?.threadId;
  }

  /** A booted spare if there is one, else a new worker (booting). */
  take(): PluginWorker {
    const worker = this.spare?.alive ? this.spare : new PluginWorker();
    this.spare = undefined;
    return worker;
  }

  /** Starts a spare unless one exists; resolves when it is booted. */
  async prestart(): Promise<void> {
    if (this.closed) return;
    this.spare ??= new PluginWorker();
    await this.spare.ready;
  }

  /** Starts a spare in the background when the pool keeps one. */
  refill(): void {
    if (this.keepSpare && !this.closed && !this.spare) void this.prestart();
  }

  async dispose(): Promise<void> {
    this.closed = true;
    const spare = this.spare;
    this.spare = undefined;
    await spare?.terminate();
  }
}
