import { formatDiagnostic } from '../../plugin/diagnostic.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import type { PluginJson } from '../../plugin/output.js';
import type { PluginRecord } from '../../sandbox/catalogue/index.js';
import type { CommandInput } from '../command.js';
import { emit } from '../report.js';
import { diffLines, permissionLines } from './describe.js';
import { listPlugins, pluginContext } from './load.js';

export function pluginJson(r: PluginRecord): PluginJson {
  return {
    id: r.id, dir: r.dir, scope: r.scope, state: r.state,
    ...(r.manifest ? { version: r.manifest.version, name: r.manifest.name, permissions: r.manifest.permissions } : {}),
    tools: r.manifest?.tools.map((t) => `${r.id}/${t.name}`) ?? [],
    ...(r.diff ? { diff: r.diff } : {}),
    ...(r.contentHash ? { contentHash: r.contentHash } : {}),
    diagnostics: r.diagnostics,
  };
}

const STATE_TEXT: Record<string, string> = {
  invalid: 'refused', untrusted: 'workspace not trusted (run `weft trust`)', 'awaiting-approval': 'awaiting approval (run `weft plugin approve <id>`)',
  'permissions-widened': 'new version asks for more (run `weft plugin approve <id>`)', approved: 'approved',
};

export function pluginText(r: PluginRecord): string {
  const head = `${r.id}${r.manifest ? ` ${r.manifest.version}` : ''}  (${r.scope})  ${STATE_TEXT[r.state] ?? r.state}`;
  const lines = [head];
  if (r.manifest) lines.push(`  tools: ${r.manifest.tools.map((t) => t.name).join(', ') || '(none)'}`);
  if (r.state === 'awaiting-approval' && r.manifest) lines.push(...permissionLines(r.manifest.permissions).map((l) => `  asks ${l}`));
  if (r.diff) lines.push(...diffLines(r.diff).map((l) => `  newly asks ${l}`));
  lines.push(...r.diagnostics.map((d) => `  ${formatDiagnostic(d).replace(/\n/g, '\n  ')}`));
  return lines.join('\n');
}

export async function listCommand(input: CommandInput): Promise<number> {
  const ctx = await pluginContext(input);
  const records = await listPlugins(ctx);
  emit(input, records.map(pluginJson), () => (records.length === 0 ? 'no plugins installed' : records.map(pluginText).join('\n')));
  return ExitCode.ok;
}
