import { encodeS64, encodeU32 } from './leb128.js';
import type { ByteWriter } from './writer.js';

const GLOBAL_GET = 0x23;
const GLOBAL_SET = 0x24;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I64_CONST = 0x42;
const I64_SUB = 0x7d;
// i64.const 0; i64.lt_s; if (empty)
const IF_NEGATIVE = [0x42, 0x00, 0x53, 0x04, 0x40];
const UNREACHABLE_END = [0x00, 0x0b];

/**
 * Emits the inserted instructions. Inside a function the counter lives in a
 * local (a register, not a memory round trip per segment); the exported
 * global holds it across calls and exits: loaded at entry and after each
 * call, stored before each call, exit and fuel trap.
 *
 * Each snippet is prebuilt per function as bytes with a one-byte slot for the
 * charge, so emitting one is a single copy (this runs once per segment, and
 * mostly before the JIT has warmed up).
 */
interface Templates {
  /** local.get L; i64.const _; i64.sub; local.set L */
  charge: Uint8Array;
  /** local.get L; i64.const _; i64.sub; local.tee L; <check> */
  chargeCheck: Uint8Array;
  /** global.get G; i64.const _; i64.sub; local.tee L; <check> */
  entry: Uint8Array;
  /** local.get L; global.set G */
  save: Uint8Array;
  /** global.get G; local.set L */
  load: Uint8Array;
  /** Offset of the i64.const immediate in charge and chargeCheck, and in entry. */
  slot: number;
  entrySlot: number;
}

export class FuelEmitter {
  private readonly global: number[];
  /** By local index: most functions share a few. */
  private readonly cache = new Map<number, Templates>();
  private t: Templates;

  constructor(fuelGlobal: number) {
    this.global = encodeU32(fuelGlobal);
    this.t = this.templates(0);
  }

  private templates(index: number): Templates {
    const local = encodeU32(index);
    const g = this.global;
    const check = [...IF_NEGATIVE, LOCAL_GET, ...local, GLOBAL_SET, ...g, ...UNREACHABLE_END];
    const sub = [I64_CONST, 0, I64_SUB];
    return {
      charge: Uint8Array.from([LOCAL_GET, ...local, ...sub, LOCAL_SET, ...local]),
      chargeCheck: Uint8Array.from([LOCAL_GET, ...local, ...sub, LOCAL_TEE, ...local, ...check]),
      entry: Uint8Array.from([GLOBAL_GET, ...g, ...sub, LOCAL_TEE, ...local, ...check]),
      save: Uint8Array.from([LOCAL_GET, ...local, GLOBAL_SET, ...g]),
      load: Uint8Array.from([GLOBAL_GET, ...g, LOCAL_SET, ...local]),
      slot: 1 + local.length + 1,
      entrySlot: 1 + g.length + 1,
    };
  }

  /** Selects the function-local copy of the counter for the next body. */
  useLocal(index: number): void {
    let t = this.cache.get(index);
    if (!t) this.cache.set(index, (t = this.templates(index)));
    this.t = t;
  }

  /** Writes `template` with `units` in its i64.const slot (one byte when units < 64). */
  private put(out: ByteWriter, template: Uint8Array, slot: number, units: number): void {
    if (units < 64) {
      template[slot] = units;
      out.typed(template);
      return;
    }
    const leb = encodeS64(BigInt(units));
    out.typed(template.subarray(0, slot));
    out.bytes(leb);
    out.typed(template.subarray(slot + 1));
  }

  /** Function entry: counter = global - units; trap if negative. */
  entry(out: ByteWriter, units: number): void {
    this.put(out, this.t.entry, this.t.entrySlot, units);
  }

  /** A segment: counter -= units; with `check` (loop headers) trap if negative. */
  charge(out: ByteWriter, units: number, check: boolean): void {
    this.put(out, check ? this.t.chargeCheck : this.t.charge, this.t.slot, units);
  }

  /** global = counter (before calls and exits). */
  save(out: ByteWriter): void {
    out.typed(this.t.save);
  }

  /** counter = global (after calls). */
  load(out: ByteWriter): void {
    out.typed(this.t.load);
  }
}
