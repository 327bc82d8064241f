import { encodeS64, encodeU32 } from './leb128.js';
import type { ByteWriter } from './writer.js';

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
 */
export class FuelEmitter {
  private readonly globalGet: number[];
  private readonly globalSet: number[];
  private localGet: number[] = [];
  private localSet: number[] = [];
  private localTee: number[] = [];

  constructor(fuelGlobal: number) {
    const index = encodeU32(fuelGlobal);
    this.globalGet = [0x23, ...index];
    this.globalSet = [0x24, ...index];
  }

  /** Selects the function-local copy of the counter for the next body. */
  useLocal(index: number): void {
    const leb = encodeU32(index);
    this.localGet = [0x20, ...leb];
    this.localSet = [0x21, ...leb];
    this.localTee = [0x22, ...leb];
  }

  private subtract(out: ByteWriter, units: number): void {
    out.u8(I64_CONST);
    if (units < 64) out.u8(units);
    else out.bytes(encodeS64(BigInt(units)));
    out.u8(I64_SUB);
  }

  /** Trap if the counter just teed is negative, storing it first so the host sees it. */
  private check(out: ByteWriter): void {
    out.bytes(IF_NEGATIVE);
    this.save(out);
    out.bytes(UNREACHABLE_END);
  }

  /** Function entry: counter = global - units; check. */
  entry(out: ByteWriter, units: number): void {
    out.bytes(this.globalGet);
    this.subtract(out, units);
    out.bytes(this.localTee);
    this.check(out);
  }

  /** A segment: counter -= units; with `check` (loop headers) trap if negative. */
  charge(out: ByteWriter, units: number, check: boolean): void {
    out.bytes(this.localGet);
    this.subtract(out, units);
    if (!check) {
      out.bytes(this.localSet);
      return;
    }
    out.bytes(this.localTee);
    this.check(out);
  }

  /** global = counter (before calls and exits). */
  save(out: ByteWriter): void {
    out.bytes(this.localGet);
    out.bytes(this.globalSet);
  }

  /** counter = global (after calls). */
  load(out: ByteWriter): void {
    out.bytes(this.globalGet);
    out.bytes(this.localSet);
  }
}
