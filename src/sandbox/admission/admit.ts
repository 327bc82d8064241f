/**
 * Static admission: what weft checks about a plugin component before it is
 * transpiled, cached or run. Pure and synchronous; never throws on any input
 * (a malformed binary is a refusal, not a crash).
 *
 * In order: raw size, then the preamble (magic, version, layer), then the
 * gzip size and the component's imports and exports (all refusals of this
 * last step are reported together).
 *
 * Decisions: a size equal to its limit passes. The only import allowed is
 * the instance `weft:plugin/host@0.1.0`, exactly: the unversioned name and
 * other versions are refused (the version is the contract a plugin was built
 * against), as is every `wasi:*` interface (not supported yet). The component
 * must export the instance `weft:plugin/tools@0.1.0`.
 */
import { gzipSync } from 'node:zlib';
import type { Diagnostic } from '../../plugin/diagnostic.js';
import * as refuse from './diagnostics.js';
import { COMPONENT_LAYER, COMPONENT_VERSION, CORE_MODULE_VERSION, HOST_INTERFACE, TOOLS_INTERFACE, WASM_MAGIC } from './interfaces.js';
import { DEFAULT_ADMISSION_LIMITS, type AdmissionLimits } from './limits.js';
import { readComponentSurface, type ComponentSurface } from './sections.js';
import { MalformedBinary } from './reader.js';

/** Refused imports reported one by one; the rest are summed up in one more diagnostic. */
const MAX_IMPORT_REFUSALS = 10;

export interface AdmissionSizes {
  bytes: number;
  gzipBytes: number;
}

export type AdmissionResult =
  | { ok: true; imports: string[]; exports: string[]; sizes: AdmissionSizes }
  | { ok: false; diagnostics: Diagnostic[] };

/** `file` is only for messages: the bytes are what is checked. */
export function admitComponent(bytes: Uint8Array, file: string, limits: AdmissionLimits = DEFAULT_ADMISSION_LIMITS): AdmissionResult {
  if (bytes.length > limits.maxBytes) return refused(refuse.tooLarge(file, bytes.length, limits.maxBytes));
  const preamble = checkPreamble(bytes, file);
  if (preamble) return refused(preamble);

  const diagnostics: Diagnostic[] = [];
  const gzipBytes = gzipSync(bytes).length;
  if (gzipBytes > limits.maxGzipBytes) diagnostics.push(refuse.tooLargeGzip(file, gzipBytes, limits.maxGzipBytes));

  let surface: ComponentSurface;
  try {
    surface = readComponentSurface(bytes);
  } catch (error) {
    if (!(error instanceof MalformedBinary)) throw error;
    return refused(...diagnostics, refuse.malformed(file, error.offset, error.reason));
  }
  const foreign = surface.imports.filter((i) => i.name !== HOST_INTERFACE || i.kind !== 'instance');
  diagnostics.push(...foreign.slice(0, MAX_IMPORT_REFUSALS).map((item) => refuse.importRefused(file, item)));
  if (foreign.length > MAX_IMPORT_REFUSALS) diagnostics.push(refuse.moreImportsRefused(file, foreign.slice(MAX_IMPORT_REFUSALS)));
  if (!surface.exports.some((e) => e.name === TOOLS_INTERFACE && e.kind === 'instance')) {
    diagnostics.push(refuse.exportMissing(file, surface.exports));
  }
  if (diagnostics.length > 0) return refused(...diagnostics);
  return {
    ok: true,
    imports: surface.imports.map((i) => i.name),
    exports: surface.exports.map((e) => e.name),
    sizes: { bytes: bytes.length, gzipBytes },
  };
}

function checkPreamble(bytes: Uint8Array, file: string): Diagnostic | undefined {
  if (bytes.length < 4 || !startsWith(bytes, 0, WASM_MAGIC)) return refuse.badMagic(file, bytes.subarray(0, 4));
  if (bytes.length < 8) return refuse.malformed(file, bytes.length, `the file ends inside the 8-byte preamble (it is ${bytes.length} bytes long)`);
  if (startsWith(bytes, 4, CORE_MODULE_VERSION)) return refuse.coreModule(file);
  if (!startsWith(bytes, 4, COMPONENT_VERSION) || !startsWith(bytes, 6, COMPONENT_LAYER)) {
    return refuse.badVersion(file, bytes.subarray(4, 6), bytes.subarray(6, 8));
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, at: number, expected: readonly number[]): boolean {
  return expected.every((b, i) => bytes[at + i] === b);
}

function refused(...diagnostics: Diagnostic[]): AdmissionResult {
  return { ok: false, diagnostics };
}
