/**
 * tools/call: the MCP name is looked up and the tool called on one lease,
 * through the registry's call path (schema check, approvals, sandbox,
 * audit), the same as every other surface. A tool that fails answers with
 * an `isError` result the model can read; an unknown name is a protocol
 * error. Nothing here waits for a person: a tool awaiting approval fails
 * at once, naming the command.
 */
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { LiveRegistry } from '../registry/index.js';
import { mcpToolView } from './tools.js';

function failure(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

export async function callMcpTool(registry: LiveRegistry, name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult> {
  const lease = registry.acquire();
  try {
    const entry = mcpToolView(lease.snapshot).byName.get(name);
    if (!entry) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name} (tools/list has the tools weft serves now)`);
    if (entry.needsApproval) {
      return failure(`${name} cannot run until the user approves it: they can run \`${entry.needsApproval}\` in a terminal. weft never asks over MCP.`);
    }
    const result = await registry.callOn(lease, entry.toolId, args, { origin: 'mcp', ...(signal ? { signal } : {}) });
    if (!result.ok) return failure(`${name} failed (${result.kind}): ${result.error}`);
    return { content: [{ type: 'text', text: result.content }] }; // a truncated output already ends with its notice
  } finally {
    void lease.release();
  }
}
