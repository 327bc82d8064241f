import type { Reader } from './reader.js';
import type { ByteWriter } from './writer.js';

/** The export name the fuel counter gets, unless the module already uses it. */
export const FUEL_EXPORT = 'weft_fuel';

/** Writes the fuel global's definition: mutable i64 = initial. */
function fuelGlobal(out: ByteWriter, initial: bigint): void {
  out.u8(0x7e); // i64
  out.u8(0x01); // mutable
  out.u8(0x42); // i64.const
  out.s64(initial);
  out.u8(0x0b); // end
}

/** Copies the global section and appends the fuel global; returns how many globals were defined before. */
export function appendFuelGlobal(r: Reader | undefined, out: ByteWriter, initial: bigint): number {
  const count = r ? r.u32() : 0;
  if (count >= 0xffff_ffff) r?.fail('unsupported', 'too many globals');
  out.u32(count + 1);
  if (r) out.copy(r.buf, r.pos, r.end);
  fuelGlobal(out, initial);
  return count;
}

/** Copies the export section and appends an export of the fuel global under a name no other export uses. */
export function appendFuelExport(r: Reader | undefined, out: ByteWriter, globalIndex: number): string {
  const names = new Set<string>();
  const count = r ? r.u32() : 0;
  const entries = r?.pos ?? 0;
  for (let i = 0; i < count && r; i++) {
    names.add(r.name());
    const kind = r.u8();
    const at = r.pos;
    // Out of range in the original, but it would name the counter after rewriting.
    if (r.u32() >= globalIndex && kind === 0x03) r.fail('malformed', 'export of a global that does not exist', at);
  }
  if (r && !r.done) r.fail('malformed', 'trailing bytes in the export section');
  if (count >= 0xffff_ffff) r?.fail('unsupported', 'too many exports');
  let name = FUEL_EXPORT;
  for (let n = 1; names.has(name); n++) name = `${FUEL_EXPORT}_${n}`;
  out.u32(count + 1);
  if (r) out.copy(r.buf, entries, r.end);
  out.name(name);
  out.u8(0x03); // global
  out.u32(globalIndex);
  return name;
}
