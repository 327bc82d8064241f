import type { JsonSchema } from '../../plugin/json-schema.js';
import { pluginToolId } from '../../plugin/naming/index.js';
import type { PluginRecord, PluginState } from './types.js';

/** One plugin tool as the catalogue lists it, by its canonical id `<plugin id>/<tool>`. */
export interface CatalogueTool {
  id: string;
  plugin: string;
  name: string;
  description: string;
  inputSchema: JsonSchema;
  state: PluginState;
}

/** Every tool a readable plugin declares (refused and untrusted plugins have none to offer). */
export function catalogueTools(records: PluginRecord[]): CatalogueTool[] {
  return records.flatMap((r) => (r.manifest && r.state !== 'invalid' && r.state !== 'untrusted'
    ? r.manifest.tools.map((t) => ({
      id: pluginToolId(r.manifest!.id, t.name), plugin: r.manifest!.id, name: t.name,
      description: t.description ?? '', inputSchema: t.input_schema, state: r.state,
    }))
    : []));
}

/** `<plugin id>/<tool>` split at the last `/`. */
export function splitToolId(id: string): { plugin: string; tool: string } | undefined {
  const at = id.lastIndexOf('/');
  return at > 0 && at < id.length - 1 ? { plugin: id.slice(0, at), tool: id.slice(at + 1) } : undefined;
}
