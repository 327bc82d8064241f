import { ExitCode } from '../../plugin/exit-codes.js';
import { catalogueTools } from '../../sandbox/catalogue/tools.js';
import type { CommandInput } from '../command.js';
import { listPlugins, pluginContext } from '../plugin/load.js';
import { emit } from '../report.js';

/** `weft tool list`: every plugin tool by canonical id, with its plugin's state. */
export async function toolList(input: CommandInput): Promise<number> {
  const ctx = await pluginContext(input);
  const tools = catalogueTools(await listPlugins(ctx));
  emit(input, tools, (list) => (list.length === 0 ? 'no plugin tools (install a plugin with `weft plugin install <dir>`)'
    : list.map((t) => `${t.id}  ${t.state === 'approved' ? '' : `[${t.state}]  `}${t.description}`).join('\n')));
  return ExitCode.ok;
}
