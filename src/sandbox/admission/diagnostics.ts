/** The refusals of static admission, each naming the value, the limit and a fix. */
import type { Diagnostic } from '../../plugin/diagnostic.js';
import { HOST_INTERFACE, TOOLS_INTERFACE, WIT_PACKAGE } from './interfaces.js';
import { printable } from './reader.js';
import type { ExternItem } from './sections.js';

function refusal(code: string, file: string, problem: string, fix: string): Diagnostic {
  return { code, severity: 'error', file, problem, fix };
}

export function tooLarge(file: string, bytes: number, max: number): Diagnostic {
  return refusal('plugin-too-large', file,
    `The component is ${bytes} bytes; the most allowed is ${max} bytes (sandbox.maxPluginBytes).`,
    'Shrink the component (build with optimisation for size, e.g. wasm-opt -Oz, and strip custom sections), or raise sandbox.maxPluginBytes in the weft config.');
}

export function tooLargeGzip(file: string, gzipBytes: number, max: number): Diagnostic {
  return refusal('plugin-too-large-gzip', file,
    `The component is ${gzipBytes} bytes gzipped; the most allowed is ${max} bytes (sandbox.maxPluginGzipBytes).`,
    'Shrink the component (drop unused code and embedded data), or raise sandbox.maxPluginGzipBytes in the weft config.');
}

export function badMagic(file: string, head: Uint8Array): Diagnostic {
  const found = head.length === 0 ? 'the file is empty' : `it starts with ${hexBytes(head.subarray(0, 4))}`;
  return refusal('plugin-bad-magic', file,
    `The file is not WebAssembly: it must start with the bytes 00 61 73 6d ("\\0asm"), but ${found}.`,
    'Point wasm_module at the .wasm component the plugin build produces.');
}

export function coreModule(file: string): Diagnostic {
  return refusal('plugin-core-module', file,
    'The file is a core WebAssembly module (version 1, layer 0), not a component; weft runs components only.',
    `Make it a component of world "plugin" from wit/plugin.wit: embed the WIT (wasm-tools component embed wit/ module.wasm, or jco's componentEmbed) and wrap it (wasm-tools component new, or jco's componentNew).`);
}

export function badVersion(file: string, version: Uint8Array, layer: Uint8Array): Diagnostic {
  return refusal('plugin-bad-version', file,
    `The file has WebAssembly version ${hexBytes(version)} and layer ${hexBytes(layer)}; weft reads components of version 0d 00, layer 01 00.`,
    'Rebuild the component with a current toolchain (wasm-tools or jco 1.x).');
}

export function malformed(file: string, offset: number, reason: string): Diagnostic {
  return refusal('plugin-malformed', file,
    `The component is malformed at byte ${offset}: ${reason}.`,
    'Rebuild the component; if it was copied or downloaded, the file may be truncated or corrupted, so fetch it again.');
}

export function importRefused(file: string, item: ExternItem): Diagnostic {
  const { kind } = item;
  const name = printable(item.name);
  const base = item.name.split('@')[0];
  if (item.name.startsWith('wasi:')) {
    return refusal('plugin-import-refused', file,
      `The component imports ${name}; WASI is not supported yet, and the only import weft provides is ${HOST_INTERFACE}.`,
      `Build without WASI (e.g. wasm32-unknown-unknown, or AssemblyScript without a WASI shim) and reach files, network and environment through ${HOST_INTERFACE}.`);
  }
  if (item.name === HOST_INTERFACE) {
    return refusal('plugin-import-refused', file,
      `The component imports ${name} as ${article(kind)}; weft provides it as an instance (the WIT interface).`,
      `Import the interface with "import host;" in a world built from ${WIT_PACKAGE} (wit/plugin.wit).`);
  }
  if (base === HOST_INTERFACE.split('@')[0]) {
    return refusal('plugin-import-refused', file,
      `The component imports ${name}; this weft provides ${HOST_INTERFACE} only.`,
      `Rebuild against the WIT this weft ships (wit/plugin.wit, package ${WIT_PACKAGE}), or upgrade weft if the plugin needs a newer host.`);
  }
  return refusal('plugin-import-refused', file,
    `The component imports ${name} (${article(kind)}), which weft does not provide; the only import allowed is ${HOST_INTERFACE}.`,
    `Remove the import and rebuild: a plugin reaches the outside world only through ${HOST_INTERFACE}.`);
}

export function moreImportsRefused(file: string, more: readonly ExternItem[]): Diagnostic {
  return refusal('plugin-import-refused', file,
    `The component has ${more.length} more import(s) weft does not provide: ${listed(more)}.`,
    `Remove them and rebuild: a plugin reaches the outside world only through ${HOST_INTERFACE}.`);
}

export function exportMissing(file: string, exports: readonly ExternItem[]): Diagnostic {
  const found = exports.length === 0 ? 'it exports nothing' : `it exports ${listed(exports)}`;
  return refusal('plugin-export-missing', file,
    `The component does not export ${TOOLS_INTERFACE}; ${found}.`,
    `Target world "plugin" of wit/plugin.wit, which exports ${TOOLS_INTERFACE} (list-tools and call-tool).`);
}

/** Up to 10 names, then how many more. */
function listed(items: readonly ExternItem[]): string {
  const names = items.slice(0, 10).map((i) => printable(i.name));
  return items.length > 10 ? `${names.join(', ')} and ${items.length - 10} more` : names.join(', ');
}

function article(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

function hexBytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
