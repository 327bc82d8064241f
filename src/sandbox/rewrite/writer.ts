import { encodeS64, encodeU32 } from './leb128.js';

/** Bytes in the minimal unsigned LEB128 of a u32. */
function lebWidth(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : value < 0x1000_0000 ? 4 : 5;
}

/** A growable byte buffer for building the output module. */
export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + extra));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(byte: number): void {
    this.reserve(1);
    this.buf[this.length++] = byte;
  }

  /** Appends `source[start, end)`. Short runs are copied by hand: a subarray per run costs more. */
  copy(source: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    this.reserve(n);
    const buf = this.buf;
    if (n > 16) buf.set(source.subarray(start, end), this.length);
    else for (let i = 0, at = this.length; i < n; i++) buf[at + i] = source[start + i]!;
    this.length += n;
  }

  /** Appends a whole typed array (one native copy). */
  typed(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  bytes(bytes: ArrayLike<number>): void {
    const n = bytes.length;
    this.reserve(n);
    const buf = this.buf;
    for (let i = 0, at = this.length; i < n; i++) buf[at + i] = bytes[i]!;
    this.length += n;
  }

  u32(value: number): void {
    if (value < 0x80 && value >= 0) this.u8(value);
    else this.bytes(encodeU32(value));
  }

  s64(value: bigint): void {
    this.bytes(encodeS64(value));
  }

  /** A UTF-8 name: length then bytes. */
  name(text: string): void {
    const bytes = new TextEncoder().encode(text);
    this.u32(bytes.length);
    this.bytes(bytes);
  }

  /**
   * Starts a length-prefixed run (a section's content, a function body) whose
   * size will be at most `bound`: reserves as many LEB128 bytes as `bound`
   * needs and returns a mark for `endSized` (offset * 8 + width: one number,
   * no allocation per function body).
   */
  beginSized(bound = 0xffff_ffff): number {
    const width = lebWidth(bound);
    this.reserve(width);
    const mark = this.length * 8 + width;
    this.length += width;
    return mark;
  }

  /**
   * Writes the run's size at its mark. If it is shorter than the reserved
   * width it is padded (0x80 continuation bytes, which the binary format
   * allows up to 5 bytes) rather than moving the run; only an estimate that
   * was too small moves it.
   */
  endSized(mark: number): void {
    const width = mark % 8;
    const at = (mark - width) / 8;
    const size = this.length - at - width;
    const needed = lebWidth(size);
    if (needed > width) {
      this.reserve(needed - width);
      this.buf.copyWithin(at + needed, at + width, this.length);
      this.length += needed - width;
    }
    const buf = this.buf;
    const n = needed > width ? needed : width;
    for (let i = 0, v = size; i < n; i++, v >>>= 7) buf[at + i] = (v & 0x7f) | (i < n - 1 ? 0x80 : 0);
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
