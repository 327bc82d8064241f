import { meterBody } from './fuel-body.js';
import { FuelEmitter } from './fuel-emit.js';
import type { Reader } from './reader.js';
import type { ByteWriter } from './writer.js';

/**
 * Fuel metering of function bodies.
 *
 * Unit: every instruction of the original body costs one unit when it is
 * executed, `block`, `loop`, `if`, `else` and `end` (the function's final
 * `end` too) included. An instruction is executed when control reaches it: a
 * branch to a block or `if` continues after its `end` (so that `end` is not
 * executed), a branch to a loop continues at the first instruction of its
 * body (so `loop` itself runs once per entry), a branch to the function's
 * label returns (its final `end` is not executed), and a then-branch that
 * reaches `else` executes `else` and continues after `end`. Inserted
 * instructions cost nothing.
 *
 * Segments: a segment is a maximal run of instructions that ends right after
 * `block`, `loop`, `if`, `else`, `end`, `br`, `br_if`, `br_table`, `return`,
 * `call`, `call_indirect`, `return_call`, `return_call_indirect` or
 * `unreachable`. Every branch target starts a segment and control leaves a
 * segment only after its last instruction, so once entered all of a segment
 * runs (unless an instruction traps). Each segment starts with a charge of its
 * length; at function entry and at each loop header the charge is followed by
 * a check that traps (`unreachable`) when the counter is negative. The charge
 * comes before the check, so a run over budget always leaves a negative
 * counter, and a trap with a negative counter is fuel exhaustion. Code between
 * checks (no loop header, no call) can overrun the budget by at most the
 * straight-line code left in the active frames: a call that returns normally
 * with a negative counter also ran out.
 *
 * Storage: the counter is an exported mutable i64 global; each function keeps
 * a copy in an extra local (see FuelEmitter), synchronised at entry, around
 * calls, before exits (`return`, `return_call*`, branches to the function
 * label, the final `end`) and before every `unreachable` and fuel trap. After a
 * trap of another kind (a division by zero, an out-of-bounds access) the
 * global lacks the trapping function's units since its entry or last call.
 */
export interface FuelCode {
  fuelGlobal: number;
  /** Index of the first defined function (the number of imported functions). */
  firstFunction: number;
  /** Parameter count of each defined function, from the function and type sections. */
  params: number[];
}

export interface FuelStats {
  functions: number;
  segments: number;
}

/** Rewrites the code section, metering every body. */
export function meterCodeSection(r: Reader, out: ByteWriter, code: FuelCode): FuelStats {
  const count = r.u32();
  if (count !== code.params.length) {
    r.fail('malformed', `code section has ${count} bodies but the function section declares ${code.params.length}`);
  }
  out.u32(count);
  const emit = new FuelEmitter(code.fuelGlobal);
  let segments = 0;
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    const br = r.sub(size);
    br.functionIndex = code.firstFunction + i;
    const mark = out.beginSized(64 + 40 * size); // inserted code is under 40 bytes for each original byte
    segments += meterBody(br, out, emit, code.params[i]!, code.fuelGlobal);
    out.endSized(mark);
  }
  if (!r.done) r.fail('malformed', 'trailing bytes in the code section');
  return { functions: count, segments };
}
