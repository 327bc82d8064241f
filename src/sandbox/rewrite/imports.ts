import { rewriteMemoryLimits } from './memory.js';
import { readValType } from './opcodes.js';
import type { Reader } from './reader.js';
import type { ByteWriter } from './writer.js';

export interface ImportCounts {
  functions: number;
  globals: number;
  memories: number;
}

/** Copies the import section, capping each imported memory's declared maximum. */
export function rewriteImportSection(r: Reader, out: ByteWriter, capPages: number): ImportCounts {
  const counts: ImportCounts = { functions: 0, globals: 0, memories: 0 };
  const count = r.u32();
  out.u32(count);
  for (let i = 0; i < count; i++) {
    const start = r.pos;
    r.skipName(); // module
    r.skipName(); // field
    const kindAt = r.pos;
    const kind = r.u8();
    if (kind === 0x02) {
      out.copy(r.buf, start, r.pos);
      counts.memories++;
      if (counts.memories > 1) r.fail('unsupported', 'more than one imported memory (multiple memories)', start);
      rewriteMemoryLimits(r, out, capPages, `imported memory ${counts.memories - 1}`);
      continue;
    }
    if (kind === 0x00) {
      r.u32();
      counts.functions++;
    } else if (kind === 0x01) {
      readValType(r);
      const flags = r.u8();
      if (flags > 0x01) r.fail('unsupported', `imported table with limits flags 0x${flags.toString(16)}`, r.pos - 1);
      r.u32();
      if (flags) r.u32();
    } else if (kind === 0x03) {
      readValType(r);
      const mut = r.u8();
      if (mut > 0x01) r.fail('unsupported', `imported global with mutability 0x${mut.toString(16)}`, r.pos - 1);
      counts.globals++;
    } else {
      r.fail(kind === 0x04 ? 'unsupported' : 'malformed', kind === 0x04 ? 'imported tag (exception handling)' : `import kind 0x${kind.toString(16)}`, kindAt);
    }
    out.copy(r.buf, start, r.pos);
  }
  if (!r.done) r.fail('malformed', 'trailing bytes in the import section');
  return counts;
}
