/**
 * `weft mcp --http <port>`: Streamable HTTP on 127.0.0.1, `POST/GET/DELETE
 * /mcp` and nothing else. Stateful: one MCP server per session (the SDK
 * transport holds one session). Host and Origin are checked before
 * anything else (http-guard.ts); a session with no request open for
 * `idleMs` (default 10 min) is closed, as clients often never DELETE theirs.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { LiveRegistry } from '../registry/index.js';
import { allowedHosts, allowedOrigins, refusal } from './http-guard.js';
import { createMcpServer, type McpServerHandle } from './server.js';

export const DEFAULT_IDLE_MS = 10 * 60_000;
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpOptions {
  port: number;
  version: string;
  idleMs?: number;
  log: (line: string) => void;
}

export interface HttpServerHandle {
  port: number;
  url: string;
  /** Open sessions now. */
  sessions(): number;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  mcp: McpServerHandle;
  open: number;
  lastSeen: number;
}

function replyError(res: http.ServerResponse, status: number, code: number, message: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }));
}

async function readJson(req: http.IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; code: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, code: -32600, message: `Request body over ${MAX_BODY_BYTES} bytes` };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, status: 400, code: -32700, message: `Parse error: ${(error as Error).message}` };
  }
}

export async function serveHttp(registry: LiveRegistry, options: HttpOptions): Promise<HttpServerHandle> {
  const sessions = new Map<string, Session>();
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  let port = options.port;

  const drop = async (id: string): Promise<void> => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.mcp.close().catch(() => undefined);
  };

  const track = (session: Session, res: http.ServerResponse): void => {
    session.open += 1;
    session.lastSeen = Date.now();
    res.once('close', () => { session.open -= 1; session.lastSeen = Date.now(); });
  };

  const startSession = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const body = await readJson(req);
    if (!body.ok) return replyError(res, body.status, body.code, body.message);
    if (!isInitializeRequest(body.value)) return replyError(res, 400, -32000, 'Bad Request: no valid Mcp-Session-Id header; start with an initialize request');
    const mcp = createMcpServer(registry, options.version);
    const session: Session = { transport: undefined!, mcp, open: 0, lastSeen: Date.now() };
    session.transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => { sessions.set(id, session); },
      onsessionclosed: (id) => { void drop(id); },
      enableDnsRebindingProtection: true, allowedHosts: allowedHosts(port), allowedOrigins: allowedOrigins(port),
    });
    mcp.server.onerror = (error) => options.log(`mcp: ${error.message}`);
    await mcp.server.connect(session.transport);
    track(session, res);
    await session.transport.handleRequest(req, res, body.value);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const refused = refusal({ host: req.headers.host, origin: req.headers.origin }, port);
    if (refused) return replyError(res, 403, -32000, `Forbidden: ${refused}`);
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/mcp') return replyError(res, 404, -32000, 'Not found: the MCP endpoint is /mcp');
    if (!['POST', 'GET', 'DELETE'].includes(req.method ?? '')) {
      res.setHeader('allow', 'GET, POST, DELETE');
      return replyError(res, 405, -32000, `Method ${req.method} not allowed`);
    }
    const id = req.headers['mcp-session-id'];
    if (typeof id === 'string') {
      const session = sessions.get(id);
      if (!session) return replyError(res, 404, -32001, 'Session not found (it ended or expired): initialize again');
      track(session, res);
      return session.transport.handleRequest(req, res);
    }
    if (req.method !== 'POST') return replyError(res, 400, -32000, 'Bad Request: no valid Mcp-Session-Id header');
    return startSession(req, res);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log(`mcp http: ${error instanceof Error ? error.message : String(error)}`);
      replyError(res, 500, -32603, 'Internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  port = (server.address() as AddressInfo).port;

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, s] of sessions) if (s.open === 0 && now - s.lastSeen > idleMs) void drop(id);
  }, Math.max(50, Math.min(idleMs / 4, 30_000)));
  sweep.unref();

  return {
    port,
    url: `http://127.0.0.1:${port}/mcp`,
    sessions: () => sessions.size,
    close: async () => {
      clearInterval(sweep);
      await Promise.all([...sessions.keys()].map(drop));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
