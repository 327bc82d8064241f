/** The plugins weft can see: folders, manifests, admission and approval state. */
export { pluginFolders } from './folders.js';
export { readPlugin } from './read-plugin.js';
export { scanPlugins } from './scan.js';
export type { PluginFolder, PluginRecord, PluginScope, PluginState } from './types.js';
