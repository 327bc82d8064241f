/**
 * Reads the top-level imports and exports of a component binary (after its
 * 8-byte preamble), following the component binary format (design/mvp/Binary.md
 * of WebAssembly/component-model, as wasm-tools 1.2xx encodes it):
 *
 *   section  ::= id:u8 size:u32 contents            (ids 0..11; every size is checked)
 *   import   ::= name' externdesc                   (section 10)
 *   export   ::= name' sortidx externdesc?          (section 11)
 *   name'    ::= (0x00 | 0x01) len:u32 utf8
 *   externdesc ::= 0x00 0x11 u32 | 0x01 u32 | 0x02 valtype | 0x03 typebound | 0x04 u32 | 0x05 u32
 *
 * Nested components and core modules are skipped by size: their imports are
 * satisfied inside the component, never by the host.
 */
import { ByteReader, printable } from './reader.js';

export type ExternKind = 'core module' | 'function' | 'value' | 'type' | 'component' | 'instance';

export interface ExternItem {
  name: string;
  kind: ExternKind;
}

export interface ComponentSurface {
  imports: ExternItem[];
  exports: ExternItem[];
}

const KINDS: readonly ExternKind[] = ['core module', 'function', 'value', 'type', 'component', 'instance'];
const IMPORT_SECTION = 10;
const EXPORT_SECTION = 11;
const LAST_SECTION = 11;

/** Throws MalformedBinary (from ./reader.js) on anything it cannot read. */
export function readComponentSurface(bytes: Uint8Array, start = 8): ComponentSurface {
  const file = new ByteReader(bytes, start, bytes.length);
  const surface: ComponentSurface = { imports: [], exports: [] };
  while (!file.done) {
    const at = file.pos;
    const id = file.u8('a section id');
    if (id > LAST_SECTION) file.fail(`unknown section id ${id}`, at);
    const size = file.u32('a section size');
    const section = file.sub(size, `section ${id}`);
    if (id === IMPORT_SECTION) readVec(section, 'import', () => surface.imports.push(readImport(section)));
    if (id === EXPORT_SECTION) readVec(section, 'export', () => surface.exports.push(readExport(section)));
  }
  return surface;
}

function readVec(section: ByteReader, what: string, item: () => void): void {
  const count = section.u32(`the ${what} count`);
  for (let i = 0; i < count; i++) item();
  if (!section.done) section.fail(`the ${what} section has ${section.end - section.pos} bytes left over`);
}

function readName(r: ByteReader, what: string): string {
  const form = r.u8(`the ${what} name`);
  if (form !== 0x00 && form !== 0x01) r.fail(`unknown ${what} name form 0x${hex(form)}`, r.pos - 1);
  return r.name(`the ${what} name`);
}

function readImport(r: ByteReader): ExternItem {
  const name = readName(r, 'import');
  return { name, kind: readExternDesc(r, `import "${printable(name)}"`) };
}

function readExport(r: ByteReader): ExternItem {
  const name = readName(r, 'export');
  const shown = printable(name);
  const sort = r.u8(`the sort of export "${shown}"`);
  if (sort === 0x00) r.u8(`the core sort of export "${shown}"`);
  else if (sort > 0x05) r.fail(`unknown sort 0x${hex(sort)} of export "${shown}"`, r.pos - 1);
  r.u32(`the index of export "${shown}"`);
  const hasType = r.u8(`the type flag of export "${shown}"`);
  if (hasType === 0x01) readExternDesc(r, `export "${shown}"`);
  else if (hasType !== 0x00) r.fail(`bad type flag 0x${hex(hasType)} of export "${shown}"`, r.pos - 1);
  const kind = sort === 0x00 ? 'core module' : KINDS[sort]!;
  return { name, kind };
}

function readExternDesc(r: ByteReader, what: string): ExternKind {
  const at = r.pos;
  const tag = r.u8(`the type of ${what}`);
  switch (tag) {
    case 0x00:
      if (r.u8(`the type of ${what}`) !== 0x11) r.fail(`bad core type of ${what}`, at);
      r.u32(`the type index of ${what}`);
      break;
    case 0x02:
      r.skipLeb(`the value type of ${what}`);
      break;
    case 0x03: {
      const bound = r.u8(`the type bound of ${what}`);
      if (bound === 0x00) r.u32(`the type index of ${what}`);
      else if (bound !== 0x01) r.fail(`bad type bound 0x${hex(bound)} of ${what}`, at);
      break;
    }
    case 0x01:
    case 0x04:
    case 0x05:
      r.u32(`the type index of ${what}`);
      break;
    default:
      r.fail(`unknown kind 0x${hex(tag)} of ${what}`, at);
  }
  return KINDS[tag]!;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
