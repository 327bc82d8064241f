/**
 * Tool ids. A skill's tool id is its name; a plugin tool's id is
 * `<plugin id>/<tool>`. A plugin tool bound by a loaded skill is exposed
 * once, under the skill, never also under its own id.
 */

/** The id of tool `tool` of plugin `pluginId`: `<plugin id>/<tool>`. */
export function pluginToolId(pluginId: string, tool: string): string {
  return `${pluginId}/${tool}`;
}

export interface ExposedSkill {
  name: string;
  /** The plugin tool id (`<plugin id>/<tool>`) the skill runs, if any. */
  boundPluginTool?: string;
}

/**
 * The ids exposed as tools: every skill's name (in order), then every plugin
 * tool id that no loaded skill binds (in order, each once).
 */
export function exposedTools(skills: readonly ExposedSkill[], pluginToolIds: readonly string[]): string[] {
  const bound = new Set(skills.flatMap((s) => (s.boundPluginTool === undefined ? [] : [s.boundPluginTool])));
  const unbound = [...new Set(pluginToolIds)].filter((id) => !bound.has(id));
  return [...skills.map((s) => s.name), ...unbound];
}
