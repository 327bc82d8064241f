import { encodeS64, encodeU32 } from './leb128.js';

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
    if (n > 64) buf.set(source.subarray(start, end), this.length);
    else for (let i = 0, at = this.length; i < n; i++) buf[at + i] = source[start + i]!;
    this.length += n;
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
   * Starts a length-prefixed run (a section's content, a function body):
   * reserves room for the longest u32 and returns a mark for `endSized`.
   */
  beginSized(): number {
    this.reserve(5);
    const mark = this.length;
    this.length += 5;
    return mark;
  }

  /** Writes the run's size at its mark, minimal-length, closing the gap. */
  endSized(mark: number): void {
    const size = this.length - mark - 5;
    const leb = encodeU32(size);
    if (leb.length < 5) this.buf.copyWithin(mark + leb.length, mark + 5, this.length);
    for (let i = 0; i < leb.length; i++) this.buf[mark + i] = leb[i]!;
    this.length -= 5 - leb.length;
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
