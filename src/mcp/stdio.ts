/**
 * `weft mcp` over stdio: JSON-RPC on stdin/stdout (newline-delimited), logs
 * only on stderr. It ends when stdin closes. A line that is not JSON, or not
 * JSON-RPC, gets the JSON-RPC error reply (id null) and the server goes on.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { LiveRegistry } from '../registry/index.js';
import { createMcpServer } from './server.js';

/** The JSON-RPC reply to a line that could not be read as a request, or undefined for other errors. */
export function unreadableLineReply(error: unknown): string | undefined {
  const name = error instanceof Error ? error.name : '';
  if (name === 'SyntaxError') return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: ${(error as Error).message}` } });
  if (name === 'ZodError') return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request: not a JSON-RPC 2.0 message' } });
  return undefined;
}

export async function serveStdio(registry: LiveRegistry, version: string, log: (line: string) => void): Promise<void> {
  const handle = createMcpServer(registry, version);
  const transport = new StdioServerTransport();
  let resolveEnded!: () => void;
  const ended = new Promise<void>((resolve) => { resolveEnded = resolve; });
  handle.server.onclose = resolveEnded;
  handle.server.onerror = (error) => {
    const reply = unreadableLineReply(error);
    if (reply) process.stdout.write(`${reply}\n`);
    else log(`mcp: ${error instanceof Error ? error.message : String(error)}`);
  };
  await handle.server.connect(transport);
  process.stdin.once('end', resolveEnded);
  process.stdin.once('close', resolveEnded);
  await ended;
  await handle.close();
}
