/**
 * Reload requests and their coalescing. One build runs at a time; requests
 * arriving meanwhile (and their changed paths) are merged into the next
 * build, and every requester is answered by the first build that started
 * after its request. A build may also be held back (`canRun` false: too many
 * generations draining); `pump()` is called again when that changes.
 */
export class ReloadQueue<T> {
  private waiting: { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } | undefined;
  private readonly paths = new Set<string>();
  private running: Promise<unknown> | undefined;
  private closed = false;

  constructor(private readonly run: (paths: string[]) => Promise<T>, private readonly canRun: () => boolean) {}

  request(paths: readonly string[]): Promise<T> {
    for (const p of paths) this.paths.add(p);
    if (!this.waiting) {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => { [resolve, reject] = [res, rej]; });
      this.waiting = { promise, resolve, reject };
    }
    const { promise } = this.waiting;
    this.pump();
    return promise;
  }

  pump(): void {
    if (this.running || !this.waiting || this.closed || !this.canRun()) return;
    const waiting = this.waiting;
    const paths = [...this.paths];
    this.waiting = undefined;
    this.paths.clear();
    this.running = this.run(paths).then(waiting.resolve, waiting.reject).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }

  /** No more builds; waits for the one running; pending requesters get `last`. */
  async close(last: () => T | undefined): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
    const value = last();
    if (this.waiting && value !== undefined) this.waiting.resolve(value);
    else this.waiting?.reject(new Error('the registry is stopped'));
    this.waiting = undefined;
  }
}
