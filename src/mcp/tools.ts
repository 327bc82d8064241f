/**
 * The MCP tool list: a view of a registry snapshot, never kept by hand.
 * Served: every tool of a loaded, eligible skill or plugin that is ready or
 * awaiting approval (its description then ends with the command that
 * approves it). Not served: tools of an untrusted workspace, ineligible
 * tools, and skills with `disable-model-invocation`. Names are the naming
 * module's MCP names; a name two tools contest goes to neither (the
 * snapshot's diagnostics carry that collision).
 */
import type { JsonSchema } from '../plugin/json-schema.js';
import { detectCollisions, type Claim } from '../plugin/naming/index.js';
import type { RegistrySnapshot, RegistryTool, ToolKind } from '../registry/index.js';

export interface McpToolEntry {
  /** The MCP tool name. */
  name: string;
  /** The registry tool id it calls. */
  toolId: string;
  kind: ToolKind;
  description: string;
  inputSchema: JsonSchema;
  /** Set when the tool cannot run until the user approves it: the exact command. */
  needsApproval?: string;
}

export interface McpToolView {
  tools: McpToolEntry[];
  byName: ReadonlyMap<string, McpToolEntry>;
  /** Identifies the list as a client sees it: equal keys, no list_changed. */
  key: string;
}

function served(snapshot: RegistrySnapshot, tool: RegistryTool): boolean {
  if (tool.state !== 'ready' && tool.state !== 'needs-approval') return false;
  return tool.origin !== 'skill' || snapshot.skills.active.get(tool.id)?.skill.disableModelInvocation !== true;
}

function entry(name: string, tool: RegistryTool): McpToolEntry {
  if (tool.state !== 'needs-approval') {
    return { name, toolId: tool.id, kind: tool.kind, description: tool.description, inputSchema: tool.inputSchema };
  }
  const command = tool.approveCommand ?? `weft skill approve ${tool.id}`;
  const description = `${tool.description}${tool.description ? ' ' : ''}(needs approval: run \`${command}\`)`;
  return { name, toolId: tool.id, kind: tool.kind, description, inputSchema: tool.inputSchema, needsApproval: command };
}

const views = new WeakMap<RegistrySnapshot, McpToolView>();

/** The tool list of `snapshot` (computed once per snapshot: snapshots never change). */
export function mcpToolView(snapshot: RegistrySnapshot): McpToolView {
  const cached = views.get(snapshot);
  if (cached) return cached;
  type ToolClaim = Claim & { tool: RegistryTool };
  const claims: ToolClaim[] = snapshot.tools.filter((t) => served(snapshot, t))
    .map((tool) => ({ id: tool.id, kind: tool.origin === 'skill' ? 'skill' : 'plugin-tool', file: tool.source.file, tool }));
  const { assigned } = detectCollisions(claims, 'mcp');
  const tools = [...assigned].map(([name, claim]) => entry(name, claim.tool)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const view: McpToolView = { tools, byName: new Map(tools.map((t) => [t.name, t])), key: JSON.stringify(tools) };
  views.set(snapshot, view);
  return view;
}
