/**
 * The component-model names of the WIT package weft ships (wit/plugin.wit):
 * what a plugin may import and what it must export.
 */

export const WIT_PACKAGE = 'weft:plugin@0.1.0';

/** The one interface a plugin may import. */
export const HOST_INTERFACE = 'weft:plugin/host@0.1.0';

/** The interface every plugin exports. */
export const TOOLS_INTERFACE = 'weft:plugin/tools@0.1.0';

/** The preamble of a component (magic, version 0x0d, layer 1) and of a core module (version 1, layer 0). */
export const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
export const COMPONENT_VERSION = [0x0d, 0x00] as const;
export const COMPONENT_LAYER = [0x01, 0x00] as const;
export const CORE_MODULE_VERSION = [0x01, 0x00, 0x00, 0x00] as const;
