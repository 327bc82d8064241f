// LEB128 encoders. Decoding lives in reader.ts, where it can report offsets.

/** Unsigned LEB128 of a u32, minimal length (1–5 bytes). */
export function encodeU32(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new RangeError(`not a u32: ${value}`);
  const out: number[] = [];
  let v = value;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of an i64 (given as a bigint), minimal length (1–10 bytes). */
export function encodeS64(value: bigint): number[] {
  if (value < -(1n << 63n) || value >= 1n << 63n) throw new RangeError(`not an i64: ${value}`);
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n; // arithmetic shift: keeps the sign
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}
