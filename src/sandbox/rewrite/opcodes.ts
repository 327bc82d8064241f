import type { Reader } from './reader.js';
import { SimdImm, simdImmediate } from './simd.js';

/** What an instruction does to the segmenting of a function body. */
export const Kind = {
  /** Straight-line: control always continues with the next instruction. */
  Plain: 0,
  /** `block`, `if`: opens a block; the next instruction starts a segment. */
  Open: 1,
  /** `loop`: opens a block whose first instruction is a loop header (a branch target). */
  Loop: 2,
  /** `else`: ends the then-branch (jumps past `end`); the else-branch starts a segment. */
  Else: 3,
  /** `end`: closes a block or the function; the next instruction is a branch target. */
  End: 4,
  /** Branches, returns, calls, `unreachable`: transfers or may transfer control. */
  Jump: 5,
} as const;

const REFUSED: Record<number, string> = {
  0x06: 'try (exception handling)', 0x07: 'catch (exception handling)', 0x08: 'throw (exception handling)',
  0x09: 'rethrow (exception handling)', 0x0a: 'throw_ref (exception handling)', 0x18: 'delegate (exception handling)',
  0x19: 'catch_all (exception handling)', 0x1f: 'try_table (exception handling)',
  0x14: 'call_ref (typed function references)', 0x15: 'return_call_ref (typed function references)',
  0xd3: 'ref.as_non_null (typed function references)', 0xd4: 'br_on_null (typed function references)',
  0xd5: 'ref.eq (GC)', 0xd6: 'br_on_non_null (typed function references)',
  0xfb: 'GC instructions (0xFB prefix)', 0xfe: 'threads/atomics (0xFE prefix)',
};

const VALTYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);

/** Reads a value type, refusing GC reference types. */
export function readValType(r: Reader): number {
  const at = r.pos;
  const t = r.u8();
  if (!VALTYPES.has(t)) r.fail(t === 0x63 || t === 0x64 || (t >= 0x65 && t <= 0x6e) ? 'unsupported' : 'malformed', `value type 0x${t.toString(16)}`, at);
  return t;
}

function blockType(r: Reader): void {
  const t = r.buf[r.pos];
  if (t === 0x40 || (t !== undefined && VALTYPES.has(t))) {
    r.pos++;
    return;
  }
  const at = r.pos;
  if (r.signed(33) < 0) r.fail('unsupported', `block type 0x${t?.toString(16)}`, at);
}

function memArg(r: Reader): void {
  const at = r.pos;
  if (r.u32() & 0x40) r.fail('unsupported', 'memory index in memarg (multiple memories)', at);
  r.u32();
}

function memoryZero(r: Reader): void {
  if (r.u8() !== 0) r.fail('unsupported', 'memory index other than 0 (multiple memories)', r.pos - 1);
}

/** Decodes one instruction starting at `r.pos`, moves past it and returns its Kind. */
export function readInstruction(r: Reader): number {
  const at = r.pos;
  const op = r.u8();
  if (op >= 0x45 && op <= 0xc4) return Kind.Plain; // numeric, sign extension
  if (op >= 0x28 && op <= 0x3e) return memArg(r), Kind.Plain; // loads and stores
  switch (op) {
    case 0x00: return Kind.Jump; // unreachable
    case 0x01: case 0x1a: case 0x1b: case 0xd1: return Kind.Plain; // nop, drop, select, ref.is_null
    case 0x02: case 0x04: return blockType(r), Kind.Open;
    case 0x03: return blockType(r), Kind.Loop;
    case 0x05: return Kind.Else;
    case 0x0b: return Kind.End;
    case 0x0c: case 0x0d: case 0x10: case 0x12: return r.u32(), Kind.Jump; // br, br_if, call, return_call
    case 0x0e: { // br_table
      const n = r.u32();
      for (let i = 0; i <= n; i++) r.u32();
      return Kind.Jump;
    }
    case 0x0f: return Kind.Jump; // return
    case 0x11: case 0x13: return r.u32(), r.u32(), Kind.Jump; // call_indirect, return_call_indirect
    case 0x1c: { // select t*
      const n = r.u32();
      for (let i = 0; i < n; i++) readValType(r);
      return Kind.Plain;
    }
    case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26: case 0xd2:
      return r.u32(), Kind.Plain; // locals, globals, table.get/set, ref.func
    case 0x3f: case 0x40: return memoryZero(r), Kind.Plain; // memory.size, memory.grow
    case 0x41: return r.skipSigned(32), Kind.Plain;
    case 0x42: return r.skipSigned(64), Kind.Plain;
    case 0x43: return r.skip(4), Kind.Plain;
    case 0x44: return r.skip(8), Kind.Plain;
    case 0xd0: { // ref.null
      const t = r.u8();
      if (t !== 0x70 && t !== 0x6f) r.fail('unsupported', `ref.null heap type 0x${t.toString(16)}`, r.pos - 1);
      return Kind.Plain;
    }
    case 0xfc: return prefixedFC(r, at);
    case 0xfd: return prefixedFD(r, at);
  }
  const refused = REFUSED[op];
  return r.fail(refused ? 'unsupported' : 'malformed', refused ?? `unknown opcode 0x${op.toString(16)}`, at);
}

function prefixedFC(r: Reader, at: number): number {
  const sub = r.u32();
  if (sub <= 7) return Kind.Plain; // trunc_sat
  switch (sub) {
    case 8: r.u32(); memoryZero(r); return Kind.Plain; // memory.init
    case 9: case 13: case 15: case 16: case 17: r.u32(); return Kind.Plain; // data.drop, elem.drop, table.grow/size/fill
    case 10: memoryZero(r); memoryZero(r); return Kind.Plain; // memory.copy
    case 11: memoryZero(r); return Kind.Plain; // memory.fill
    case 12: case 14: r.u32(); r.u32(); return Kind.Plain; // table.init, table.copy
  }
  return r.fail('unsupported', `instruction 0xfc ${sub}`, at);
}

function prefixedFD(r: Reader, at: number): number {
  const sub = r.u32();
  switch (simdImmediate(sub)) {
    case SimdImm.None: return Kind.Plain;
    case SimdImm.MemArg: memArg(r); return Kind.Plain;
    case SimdImm.MemArgLane: memArg(r); r.u8(); return Kind.Plain;
    case SimdImm.Lane: r.u8(); return Kind.Plain;
    case SimdImm.Bytes16: r.skip(16); return Kind.Plain;
  }
  return r.fail('unsupported', `SIMD instruction 0xfd ${sub}`, at);
}
