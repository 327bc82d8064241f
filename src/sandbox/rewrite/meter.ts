/**
 * Host side of the fuel counter. The rewritten module exports a mutable i64
 * global (its name is `fuelGlobalExport` in the rewrite result, normally
 * `weft_fuel`): the host stores the budget in it before each call and reads
 * it after. Any structural `{ value: bigint }` works, e.g. a
 * `WebAssembly.Global` taken from `instance.exports`.
 */
export interface FuelCounter {
  value: bigint;
}

export interface FuelReading {
  budget: bigint;
  remaining: bigint;
  /** budget - remaining: exact for a call that completed; can exceed the budget after exhaustion. */
  used: bigint;
  /**
   * The counter went negative: the guest ran more units than its budget.
   * After a trap this means the trap was (or coincided with) fuel exhaustion:
   * report `resource exhausted: fuel` and run the next call on a fresh instance.
   */
  exhausted: boolean;
}

export function toFuel(amount: bigint | number): bigint {
  const value = typeof amount === 'bigint' ? amount : BigInt(Math.floor(amount));
  if (value < 0n || value >= 1n << 63n) throw new RangeError(`fuel budget out of range: ${amount}`);
  return value;
}

/** Stores the budget for the next call. */
export function setFuel(counter: FuelCounter, budget: bigint | number): void {
  counter.value = toFuel(budget);
}

/** Reads the counter after a call (returned or trapped). */
export function readFuel(counter: FuelCounter, budget: bigint | number): FuelReading {
  const total = toFuel(budget);
  const remaining = counter.value;
  return { budget: total, remaining, used: total - remaining, exhausted: remaining < 0n };
}

/** Returns whether a value looks like an exported i64 global (a `WebAssembly.Global` holding a bigint). */
export function isFuelCounter(value: unknown): value is FuelCounter {
  return typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'bigint';
}
