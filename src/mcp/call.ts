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

/** No extra async step on the way (this is the hot path of every call a client makes). */
export function callMcpTool(registry: LiveRegistry, name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult> | CallToolResult {
  const lease = registry.acquire();
  const entry = mcpToolView(lease.snapshot).byName.get(name);
  if (!entry || entry.needsApproval) {
    void lease.release();
    if (!entry) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name} (tools/list has the tools weft serves now)`);
    return failure(`${name} cannot run until the user approves it: they can run \`${entry.needsApproval}\` in a terminal. weft never asks over MCP.`);
  }
  const done = (): void => { void lease.release(); };
  return registry.callOn(lease, entry.toolId, args, signal ? { origin: 'mcp', signal } : MCP_ORIGIN).then((result) => {
    done();
    // A failing tool answers with isError; a truncated output already ends with its notice.
    return result.ok ? { content: [{ type: 'text', text: result.content }] } : failure(`${name} failed (${result.kind}): ${result.error}`);
  }, (error: unknown) => {
    done();
    throw error;
  });
}

const MCP_ORIGIN = Object.freeze({ origin: 'mcp' as const });
