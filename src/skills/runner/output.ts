/**
 * What a native command printed, kept in memory up to a cap shared by stdout
 * and stderr (1 MiB by default). Past the cap nothing more is kept and
 * `onOverflow` fires once, so the caller can stop the command: output is
 * never buffered without bound.
 *
 * The result is stdout, then stderr after a `[stderr]` line when there is
 * any. Keeping the streams apart (rather than interleaving them as a terminal
 * would) means a chunk boundary never splits a character between the two,
 * and a model reading the result can tell the output from the complaints.
 */
export const OUTPUT_CAP_BYTES = 1024 * 1024;

export class CappedOutput {
  readonly #cap: number;
  readonly #onOverflow: () => void;
  readonly #chunks: { stdout: Buffer[]; stderr: Buffer[] } = { stdout: [], stderr: [] };
  #bytes = 0;
  truncated = false;

  constructor(onOverflow: () => void, cap = OUTPUT_CAP_BYTES) {
    this.#cap = cap;
    this.#onOverflow = onOverflow;
  }

  add(stream: 'stdout' | 'stderr', chunk: Buffer | Uint8Array | string): void {
    if (this.truncated) return;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const room = this.#cap - this.#bytes;
    if (buf.length <= room) {
      this.#chunks[stream].push(buf);
      this.#bytes += buf.length;
      return;
    }
    this.#chunks[stream].push(buf.subarray(0, room));
    this.#bytes = this.#cap;
    this.truncated = true;
    this.#onOverflow();
  }

  stdout(): string {
    return decode(Buffer.concat(this.#chunks.stdout));
  }

  stderr(): string {
    return decode(Buffer.concat(this.#chunks.stderr));
  }

  /** stdout, then stderr under a `[stderr]` line when there is any. */
  text(): string {
    const out = this.stdout();
    const err = this.stderr();
    if (err === '') return out;
    return `${out}${out === '' || out.endsWith('\n') ? '' : '\n'}[stderr]\n${err}`;
  }
}

/** UTF-8 text, dropping a character the cap cut in half rather than showing U+FFFD. */
function decode(buf: Buffer): string {
  let end = buf.length;
  let back = 0;
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (back < 3 && end - back - 1 >= 0 && (buf[end - back - 1]! & 0xc0) === 0x80) back++;
  const lead = buf[end - back - 1];
  if (lead !== undefined && lead >= 0xc0) {
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (back + 1 < need) end -= back + 1;
  }
  return buf.subarray(0, end).toString('utf8');
}
