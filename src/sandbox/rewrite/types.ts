import { readValType } from './opcodes.js';
import type { Reader } from './reader.js';

/** Reads the type section: the number of parameters of each function type. */
export function readTypeSection(r: Reader): number[] {
  const count = r.u32();
  const params: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const form = r.u8();
    if (form !== 0x60) r.fail(form >= 0x4e && form <= 0x5f ? 'unsupported' : 'malformed', `type form 0x${form.toString(16)} (only function types; GC types are not supported)`, at);
    const n = r.u32();
    for (let p = 0; p < n; p++) readValType(r);
    const results = r.u32();
    for (let p = 0; p < results; p++) readValType(r);
    params.push(n);
  }
  if (!r.done) r.fail('malformed', 'trailing bytes in the type section');
  return params;
}

/** Reads the function section: the number of parameters of each defined function. */
export function readFunctionSection(r: Reader, typeParams: number[]): number[] {
  const count = r.u32();
  const params: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const type = r.u32();
    const n = typeParams[type];
    if (n === undefined) r.fail('malformed', `function ${i} uses type ${type}, which does not exist`, at);
    params.push(n);
  }
  if (!r.done) r.fail('malformed', 'trailing bytes in the function section');
  return params;
}
