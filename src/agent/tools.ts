/**
 * The tools the model sees: a view of a registry snapshot. The built-in
 * `activate_skill` when some skill can be activated; then every code-backed tool (native-command
 * skills, plugin-backed skills, plugin tools) that is ready or awaiting
 * approval, under its LLM name (`^[a-zA-Z0-9_-]{1,64}$`, naming module).
 * Instruction-only skills are reached through `activate_skill` and the
 * catalog, so they are not tools here. A name two tools contest (or one
 * that is `activate_skill`) goes to neither.
 */
import { detectCollisions, type Claim } from '../plugin/naming/index.js';
import type { RegistrySnapshot, RegistryTool } from '../registry/index.js';
import { ACTIVATE_SKILL, activatable, activateSkillTool } from './activate.js';
import type { ModelTool } from './transport/types.js';

export interface AgentToolView {
  tools: ModelTool[];
  /** Model name → registry tool (absent for activate_skill). */
  byName: ReadonlyMap<string, RegistryTool>;
}

function offered(snapshot: RegistrySnapshot, tool: RegistryTool): boolean {
  if (tool.kind === 'instruction') return false;
  if (tool.state !== 'ready' && tool.state !== 'needs-approval') return false;
  return tool.origin !== 'skill' || snapshot.skills.active.get(tool.id)?.skill.disableModelInvocation !== true;
}

const views = new WeakMap<RegistrySnapshot, AgentToolView>();

export function agentToolView(snapshot: RegistrySnapshot): AgentToolView {
  const cached = views.get(snapshot);
  if (cached) return cached;
  type ToolClaim = Claim & { tool?: RegistryTool };
  const claims: ToolClaim[] = [
    { id: ACTIVATE_SKILL, kind: 'builtin' },
    ...snapshot.tools.filter((t) => offered(snapshot, t))
      .map((tool): ToolClaim => ({ id: tool.id, kind: tool.origin === 'skill' ? 'skill' : 'plugin-tool', file: tool.source.file, tool })),
  ];
  const { assigned } = detectCollisions(claims, 'llm');
  const byName = new Map<string, RegistryTool>();
  // activate_skill keeps its name (a built-in claim) but is offered only when there is a skill to activate
  const tools: ModelTool[] = activatable(snapshot).length > 0 ? [activateSkillTool(snapshot)] : [];
  for (const [name, claim] of [...assigned].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!claim.tool) continue;
    byName.set(name, claim.tool);
    tools.push({ name, description: claim.tool.description, inputSchema: claim.tool.inputSchema });
  }
  const view = { tools, byName };
  views.set(snapshot, view);
  return view;
}
