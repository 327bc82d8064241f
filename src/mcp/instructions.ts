import { trustCommand } from '../config/trust.js';
import type { RegistrySnapshot } from '../registry/index.js';
import { mcpToolView } from './tools.js';

/** The initialize result's `instructions`: what is served, and what an untrusted workspace holds back. */
export function serverInstructions(snapshot: RegistrySnapshot): string {
  const { tools } = mcpToolView(snapshot);
  const waiting = tools.filter((t) => t.needsApproval).length;
  const lines = [
    `weft serves ${tools.length} tool(s) from skills and WebAssembly plugins; the list changes live (notifications/tools/list_changed).`,
    ...(waiting > 0 ? [`${waiting} of them need the user's approval first; their descriptions name the command.`] : []),
  ];
  const untrusted = snapshot.skills.untrusted.length;
  if (untrusted > 0 && snapshot.workspace) {
    lines.push(`${untrusted} skill(s) of the untrusted workspace ${snapshot.workspace.root} are not served; the user can run \`${trustCommand(snapshot.workspace.root)}\` to serve them.`);
  }
  return lines.join('\n');
}
