import { Reader } from './reader.js';

export const SectionId = {
  custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6,
  export: 7, start: 8, element: 9, code: 10, data: 11, dataCount: 12, tag: 13,
} as const;

/** Where each non-custom section may appear (the binary format's required order). */
const ORDER: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 };

export function sectionRank(id: number): number {
  return ORDER[id] ?? 0;
}

export interface Section {
  id: number;
  /** Offset of the id byte: the raw section is `[start, end)`. */
  start: number;
  /** Offset of the first content byte (after the size). */
  contentStart: number;
  end: number;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Checks the header and splits a core module into sections, in order, without decoding them. */
export function readSections(bytes: Uint8Array): Section[] {
  const r = new Reader(bytes);
  for (const [i, byte] of MAGIC.entries()) {
    if (r.u8() !== byte) r.fail('malformed', 'not a WebAssembly module (bad magic number)', i);
  }
  r.skip(4);
  const version = bytes[4]! | (bytes[5]! << 8);
  if (bytes[6] !== 0 || bytes[7] !== 0 || version !== 1) {
    // Components use version 0x0d with layer 1; the rewriter only takes core modules.
    r.fail(bytes[6] === 1 ? 'unsupported' : 'malformed', bytes[6] === 1 ? 'this is a component, not a core module' : `unknown binary version ${version}`, 4);
  }
  const sections: Section[] = [];
  let lastRank = 0;
  while (!r.done) {
    const start = r.pos;
    const id = r.u8();
    const size = r.u32();
    const contentStart = r.pos;
    r.skip(size);
    if (id > SectionId.tag) r.fail('malformed', `unknown section id ${id}`, start);
    if (id === SectionId.tag) r.fail('unsupported', 'tag section (exception handling)', start);
    if (id !== SectionId.custom) {
      const rank = sectionRank(id);
      if (rank <= lastRank) r.fail('malformed', `section ${id} duplicated or out of order`, start);
      lastRank = rank;
    }
    sections.push({ id, start, contentStart, end: r.pos });
  }
  return sections;
}
