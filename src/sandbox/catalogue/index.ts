/** The plugins weft can see: folders, manifests, admission and approval state. */
export { pluginFolders, protectedFolders } from './folders.js';
export { pluginHash, readPlugin } from './read-plugin.js';
export { dedupePlugins, judgeInstalled, pluginSubfolders, scanPlugins, untrustedPlugin, withApproval } from './scan.js';
export type { PluginFolder, PluginRecord, PluginScope, PluginState } from './types.js';
export { verifyPluginTools, pluginCacheRoot } from './verify.js';
export { readComponent } from './read-component.js';
