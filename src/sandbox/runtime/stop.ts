/**
 * What can end a call from outside the guest: its wall-clock deadline or the
 * caller's AbortSignal. Fuel stops a busy guest from inside; this stops one
 * that is blocked (in a host call) or simply slow, by terminating its worker.
 */
export interface Stop {
  kind: 'deadline' | 'cancelled';
  error: string;
}

export interface StopWatch {
  /** Resolves when the call must stop; never rejects. */
  stopped: Promise<Stop>;
  /** Clears the timer and the abort listener; call when the call settles. */
  clear(): void;
}

export function watchStop(seconds: number, signal: AbortSignal | undefined): StopWatch {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<Stop>((resolve) => {
    // Kept ref'd on purpose: while a call runs, this timer is what keeps the process alive.
    timer = setTimeout(() => resolve({ kind: 'deadline', error: `resource exhausted: time (${seconds} s)` }), seconds * 1000);
    onAbort = () => resolve({ kind: 'cancelled', error: 'cancelled' });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  return {
    stopped,
    clear: () => {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    },
  };
}
