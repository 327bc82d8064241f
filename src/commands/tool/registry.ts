/**
 * `weft tool` is a view of the live registry, like every other surface:
 * the same snapshot, tools, states and call path the REPL and the MCP
 * server use. A one-shot command starts it without watching.
 */
import { existsSync } from 'node:fs';
import { LiveRegistry } from '../../registry/index.js';
import { recoverRoot } from '../../plugin/folders/recover.js';
import { withRootLock } from '../../skills/install/install.js';
import type { CommandInput } from '../command.js';
import { pluginContext } from '../plugin/load.js';
import { plain } from '../report.js';
import { managedRoot } from '../skill/load.js';

/** Starts a registry for one command (config errors fail first, with their own messages); stop it when done. */
export async function openToolRegistry(input: CommandInput): Promise<LiveRegistry> {
  const ctx = await pluginContext(input);
  const skills = managedRoot(ctx);
  if (existsSync(skills)) await withRootLock(skills, () => recoverRoot(skills));
  const registry = new LiveRegistry({
    paths: input.paths, approvals: ctx.approvals, watch: false, spareWorker: false,
    onPluginLog: (plugin, level, message) => input.stderr.write(`[${plugin} ${level}] ${plain(message)}\n`),
  });
  try {
    await registry.start();
  } catch (error) {
    await registry.stop();
    throw error;
  }
  return registry;
}
