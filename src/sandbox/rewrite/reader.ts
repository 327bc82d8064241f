import { RewriteError, type RewriteErrorCode } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A bounds-checked cursor over module bytes. Every read past `end` or any
 * non-canonical LEB128 throws a RewriteError naming the absolute offset.
 */
export class Reader {
  pos: number;
  end: number;
  /** Set while reading a function body, for error messages. */
  functionIndex: number | undefined;

  constructor(readonly buf: Uint8Array, pos = 0, end = buf.length) {
    this.pos = pos;
    this.end = end;
  }

  fail(code: RewriteErrorCode, problem: string, offset = this.pos): never {
    throw new RewriteError(code, problem, { offset, ...(this.functionIndex !== undefined ? { functionIndex: this.functionIndex } : {}) });
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('malformed', 'unexpected end of data');
    return this.buf[this.pos++]!;
  }

  skip(n: number): void {
    if (n < 0 || this.pos + n > this.end) this.fail('malformed', `unexpected end of data (need ${n} bytes)`);
    this.pos += n;
  }

  /** Unsigned LEB128, at most 5 bytes, value < 2^32. */
  u32(): number {
    const pos = this.pos;
    if (pos < this.end) {
      const byte = this.buf[pos]!;
      if (byte < 0x80) {
        this.pos = pos + 1;
        return byte;
      }
    }
    return this.u32Long();
  }

  private u32Long(): number {
    const start = this.pos;
    let result = 0;
    for (let i = 0; i < 5; i++) {
      const byte = this.u8();
      if (i === 4 && byte > 0x0f) this.fail('malformed', 'u32 LEB128 out of range', start);
      result += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) return result;
    }
    return result; // unreachable: the 5th byte is <= 0x0f
  }

  /** Skips a signed LEB128 of `bits` bits (an i32.const or i64.const immediate), checking its length and range. */
  skipSigned(bits: 32 | 64): void {
    const pos = this.pos;
    if (pos < this.end && this.buf[pos]! < 0x80) {
      this.pos = pos + 1;
      return;
    }
    const start = pos;
    const maxBytes = bits === 32 ? 5 : 10;
    for (let i = 0; ; i++) {
      const byte = this.u8();
      if (i === maxBytes - 1) return this.lastSignedByte(byte, bits - 7 * i, bits, start);
      if (byte < 0x80) return;
    }
  }

  /** The last allowed byte of a signed LEB128: no continuation, unused bits equal to the sign bit. */
  private lastSignedByte(byte: number, used: number, bits: number, start: number): void {
    if (byte & 0x80) this.fail('malformed', `s${bits} LEB128 too long`, start);
    const rest = byte >> (used - 1); // the sign bit and the unused bits above it
    if (rest !== 0 && rest !== 0x7f >> (used - 1)) this.fail('malformed', `s${bits} LEB128 out of range`, start);
  }

  /** Signed LEB128 of up to 33 bits (block types), or of 32/64 bits when testing; returns its value (exact up to 2^53). */
  signed(bits: 32 | 33 | 64): number {
    const start = this.pos;
    const maxBytes = Math.ceil(bits / 7);
    let result = 0;
    for (let i = 0; i < maxBytes; i++) {
      const byte = this.u8();
      if (i === maxBytes - 1) this.lastSignedByte(byte, bits - 7 * i, bits, start);
      result += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) {
        return byte & 0x40 ? result - 2 ** (7 * (i + 1)) : result;
      }
    }
    return result;
  }

  /** Returns a reader over the next `length` bytes and moves past them. */
  sub(length: number): Reader {
    const start = this.pos;
    this.skip(length);
    return new Reader(this.buf, start, start + length);
  }

  /** A length-prefixed UTF-8 name. */
  name(): string {
    const length = this.u32();
    const start = this.pos;
    this.skip(length);
    try {
      return utf8.decode(this.buf.subarray(start, start + length));
    } catch {
      return this.fail('malformed', 'name is not valid UTF-8', start);
    }
  }

  /** Length-prefixed bytes, skipped. */
  skipName(): void {
    this.skip(this.u32());
  }
}
