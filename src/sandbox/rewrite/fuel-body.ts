// One function body: find the segments, insert charges, checks and counter syncs (see fuel.ts).
import type { FuelEmitter } from './fuel-emit.js';
import { Kind, readInstruction, readValType } from './opcodes.js';
import type { Reader } from './reader.js';
import type { ByteWriter } from './writer.js';

/** Engines refuse functions with more locals than this (V8, SpiderMonkey). */
const MAX_LOCALS = 50_000;

const NONE = 0;
const SAVE = 1; // store the counter before the instruction
const CALL = 2; // store before, reload after

/** How the segment's last instruction (at `at`) leaves the function, if it may. */
function exitOf(buf: Uint8Array, at: number, end: number, depth: number): number {
  const op = buf[at];
  if (op === 0x10 || op === 0x11) return CALL;
  if (op === 0x0f || op === 0x12 || op === 0x13 || op === 0x00) return SAVE;
  if (op === 0x0b) return depth === 0 ? SAVE : NONE;
  if (op !== 0x0c && op !== 0x0d && op !== 0x0e) return NONE;
  // The immediates were validated by readInstruction: plain LEB128 decoding is enough here.
  let pos = at + 1;
  let labels = 1;
  if (op === 0x0e) {
    for (let shift = 1, n = 0; pos < end; shift *= 128) {
      const byte = buf[pos++]!;
      n += (byte & 0x7f) * shift;
      if (byte < 0x80) {
        labels = n + 1;
        break;
      }
    }
  }
  for (let i = 0; i < labels; i++) {
    let label = 0;
    for (let shift = 1; pos < end; shift *= 128) {
      const byte = buf[pos++]!;
      label += (byte & 0x7f) * shift;
      if (byte < 0x80) break;
    }
    if (label === depth) return SAVE; // the function's own label
  }
  return NONE;
}

/** Rewrites one function body (locals + expression) into `out`; returns its segment count. */
export function meterBody(r: Reader, out: ByteWriter, emit: FuelEmitter, params: number, fuelGlobal: number): number {
  const groups = r.u32();
  const groupsStart = r.pos;
  let locals = params;
  for (let i = 0; i < groups; i++) {
    locals += r.u32();
    readValType(r);
  }
  if (locals >= MAX_LOCALS) r.fail('unsupported', `${locals} locals: metering needs one more and engines allow ${MAX_LOCALS}`);
  out.u32(groups + 1);
  out.copy(r.buf, groupsStart, r.pos);
  out.u8(1);
  out.u8(0x7e); // one i64: the function's copy of the counter
  emit.useLocal(locals);
  let segments = 0;
  let depth = 0;
  let segmentStart = r.pos;
  let units = 0;
  let check = true;
  const buf = r.buf;
  const end = r.end;
  for (;;) {
    const at = r.pos;
    if (at >= end) r.fail('malformed', 'function body ends before its final end');
    const op = buf[at]!;
    units++;
    // Inline fast paths for the most common instructions (this loop mostly runs before the JIT warms up).
    if (op >= 0x45 && op <= 0xc4) { // numeric: no immediates
      r.pos = at + 1;
      continue;
    }
    if (op >= 0x20 && op <= 0x24) { // local.get/set/tee, global.get/set
      // An index out of range is invalid in the original but would reach the counter after rewriting.
      r.pos = at + 1;
      const index = r.u32();
      if (op <= 0x22 ? index >= locals : index >= fuelGlobal) r.fail('malformed', `${op <= 0x22 ? 'local' : 'global'} ${index} does not exist`, at);
      continue;
    }
    if (at + 2 < end && buf[at + 1]! < 0x40 && ((op >= 0x28 && op <= 0x3e) ? buf[at + 2]! < 0x80 : op === 0x41)) {
      r.pos = op === 0x41 ? at + 2 : at + 3; // i32.const, or a load/store with one-byte align and offset
      continue;
    }
    const kind = readInstruction(r);
    if (kind === Kind.Plain) continue;
    if (kind === Kind.Else && depth === 0) r.fail('malformed', 'else outside a block', at);
    if (segments === 0) emit.entry(out, units);
    else emit.charge(out, units, check);
    const exit = exitOf(r.buf, at, r.pos, depth);
    if (exit === NONE) out.copy(r.buf, segmentStart, r.pos);
    else {
      out.copy(r.buf, segmentStart, at);
      emit.save(out);
      out.copy(r.buf, at, r.pos);
      if (exit === CALL) emit.load(out);
    }
    segments++;
    segmentStart = r.pos;
    units = 0;
    check = kind === Kind.Loop;
    if (kind === Kind.Open || kind === Kind.Loop) depth++;
    else if (kind === Kind.End && depth-- === 0) {
      if (!r.done) r.fail('malformed', 'bytes after the function\'s final end');
      return segments;
    }
  }
}
