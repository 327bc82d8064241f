/**
 * One MCP server (one client connection) over the live registry, with the
 * SDK's low-level Server so schemas go out exactly as written. tools/list
 * and tools/call are views of the current snapshot; a registry change that
 * changes the list as a client sees it sends one
 * `notifications/tools/list_changed` (the registry coalesces a burst of
 * file changes into one generation, so a burst gives one notification).
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { LiveRegistry } from '../registry/index.js';
import { callMcpTool } from './call.js';
import { serverInstructions } from './instructions.js';
import { mcpToolView, type McpToolEntry } from './tools.js';

export interface McpServerHandle {
  server: Server;
  /** Stops listening to the registry and closes the connection. */
  close(): Promise<void>;
}

function wireTool(t: McpToolEntry): Tool {
  return {
    name: t.name, description: t.description, inputSchema: t.inputSchema as Tool['inputSchema'],
    // Native commands run on the user's machine, outside the WASM sandbox: say so to clients that show it.
    ...(t.kind === 'native' ? { _meta: { 'dev.weft/kind': 'native-command' } } : { _meta: { 'dev.weft/kind': t.kind } }),
  };
}

export function createMcpServer(registry: LiveRegistry, version: string): McpServerHandle {
  const first = registry.current();
  const server = new Server({ name: 'weft', version }, {
    capabilities: { tools: { listChanged: true } },
    instructions: serverInstructions(first),
  });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: mcpToolView(registry.current()).tools.map(wireTool) }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    callMcpTool(registry, request.params.name, (request.params.arguments ?? {}) as Record<string, unknown>, extra.signal));
  let notified = mcpToolView(first).key;
  const off = registry.on((event) => {
    if (event.type !== 'reloaded') return;
    const { key } = mcpToolView(registry.current());
    if (key === notified) return;
    notified = key;
    // Before initialize completes there is nobody to tell; the client lists afterwards anyway.
    server.sendToolListChanged().catch(() => undefined);
  });
  return {
    server,
    close: async () => {
      off();
      await server.close();
    },
  };
}
