/**
 * A bounds-checked cursor over a binary. Every read checks its bounds; a read
 * past the end, an over-long LEB128 or a name that is not UTF-8 throws
 * MalformedBinary, which admission turns into a clean refusal.
 */

export class MalformedBinary extends Error {
  constructor(readonly offset: number, readonly reason: string) {
    super(`malformed at byte ${offset}: ${reason}`);
    this.name = 'MalformedBinary';
  }
}

/**
 * A name from the binary as messages show it: control characters escaped
 * (a plugin must not be able to write terminal escapes into weft's output),
 * cut to 120 characters.
 */
export function printable(name: string): string {
  const escaped = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > 120 ? `${escaped.slice(0, 119)}…` : escaped;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ByteReader {
  /** Reads `bytes` from `pos` up to (not including) `end`. */
  constructor(private readonly bytes: Uint8Array, public pos: number, readonly end: number) {
    if (end > bytes.length || pos > end) throw new MalformedBinary(pos, 'a length points past the end of the file');
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  fail(reason: string, at = this.pos): never {
    throw new MalformedBinary(at, reason);
  }

  u8(what: string): number {
    if (this.pos >= this.end) this.fail(`the file ends inside ${what}`);
    return this.bytes[this.pos++]!;
  }

  /** Unsigned LEB128, at most 5 bytes, below 2^32. */
  u32(what: string): number {
    const start = this.pos;
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = this.u8(what);
      value += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) {
        if (value > 0xffffffff) this.fail(`${what} is too large`, start);
        return value;
      }
    }
    return this.fail(`${what} is an over-long LEB128 number`, start);
  }

  /** Any LEB128 number of at most 5 bytes (s33 type references), skipped. */
  skipLeb(what: string): void {
    for (let i = 0; i < 5; i++) if ((this.u8(what) & 0x80) === 0) return;
    this.fail(`${what} is an over-long LEB128 number`);
  }

  /** A name: u32 byte length, then UTF-8. */
  name(what: string): string {
    const length = this.u32(`the length of ${what}`);
    const start = this.pos;
    if (length > this.end - start) this.fail(`${what} runs past the end of its section`);
    this.pos += length;
    try {
      return utf8.decode(this.bytes.subarray(start, this.pos));
    } catch {
      return this.fail(`${what} is not valid UTF-8`, start);
    }
  }

  /** A reader over the next `length` bytes; this reader moves past them. */
  sub(length: number, what: string): ByteReader {
    if (length > this.end - this.pos) this.fail(`${what} (${length} bytes) runs past the end of the file`);
    const sub = new ByteReader(this.bytes, this.pos, this.pos + length);
    this.pos += length;
    return sub;
  }
}
