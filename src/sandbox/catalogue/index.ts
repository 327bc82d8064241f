/** The plugins weft can see: folders, manifests, admission and approval state. */
export { pluginFolders } from './folders.js';
export { pluginHash, readPlugin } from './read-plugin.js';
export { dedupePlugins, judgeInstalled, pluginSubfolders, scanPlugins, untrustedPlugin, withApproval } from './scan.js';
export type { PluginFolder, PluginRecord, PluginScope, PluginState } from './types.js';
export { verifyPluginTools, pluginCacheRoot } from './verify.js';
export { callPluginTool, type PluginCallContext } from './call.js';
export { catalogueTools, splitToolId, type CatalogueTool } from './tools.js';
export { readComponent } from './read-component.js';
