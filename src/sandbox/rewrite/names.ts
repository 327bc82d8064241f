import { RewriteError } from './errors.js';
import { Reader } from './reader.js';
import type { Section } from './sections.js';
import { ByteWriter } from './writer.js';

const LABEL_NAMES = 3;

/** The name of a custom section, or undefined if it cannot be read. */
export function customSectionName(bytes: Uint8Array, section: Section): string | undefined {
  try {
    return new Reader(bytes, section.contentStart, section.end).name();
  } catch {
    return undefined;
  }
}

/**
 * Metering wraps each check in an `if`, which shifts the label numbering the
 * "name" section's label subsection relies on. Every other subsection names
 * things by index (functions, locals, globals…) and stays true, so only the
 * labels are dropped. Returns the rewritten section content, or
 * undefined to drop a name section that cannot be decoded (it is optional).
 */
export function withoutLabelNames(bytes: Uint8Array, section: Section): Uint8Array | undefined {
  try {
    const r = new Reader(bytes, section.contentStart, section.end);
    r.name();
    const content = new ByteWriter(section.end - section.start);
    content.copy(bytes, section.contentStart, r.pos);
    while (!r.done) {
      const start = r.pos;
      const id = r.u8();
      r.skip(r.u32());
      if (id !== LABEL_NAMES) content.copy(bytes, start, r.pos);
    }
    return content.toBytes();
  } catch (error) {
    if (error instanceof RewriteError) return undefined;
    throw error;
  }
}
