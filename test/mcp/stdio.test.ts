// `weft mcp` over stdio, spawned for real: the SDK's client and a raw JSON-RPC client
// written here both talk to it.
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mcpName } from '../../src/plugin/naming/index.js';
import type { TempHome } from '../helpers/sandbox-home.js';
import { weftBin } from '../helpers/run-weft.js';
import { ECHO, mcpHome, RawStdioClient, spawnMcp, TRICKY_SCHEMA } from './helpers.js';

let t: TempHome & { managed: string };
let raw: RawStdioClient | undefined;
beforeEach(async () => { t = await mcpHome(); });
afterEach(() => {
  raw?.child.kill();
  raw = undefined;
  t.cleanup();
});

const wasmTool = (tool: string): string => mcpName(`${ECHO}/${tool}`);
type Tool = { name: string; description: string; inputSchema: unknown };
type Content = { content: Array<{ type: string; text: string }>; isError?: boolean };

describe('weft mcp over stdio, SDK client', () => {
  it('handshake, the tool list with exact schemas, and calls into each kind of tool', async () => {
    const client = new Client({ name: 'sdk-test', version: '1' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [weftBin, 'mcp'], cwd: t.project, env: t.env as Record<string, string>, stderr: 'pipe' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe('weft');
      expect(client.getServerCapabilities()?.tools?.listChanged).toBe(true);
      const { tools } = await client.listTools() as { tools: Tool[] };
      const byName = new Map(tools.map((x) => [x.name, x]));
      const pluginTools = ['compute', 'echo', 'fail', 'get_env', 'grow_memory', 'http_request', 'log', 'read_file', 'trap', 'version', 'write_file'];
      expect([...byName.keys()].sort()).toEqual([...pluginTools.map(wasmTool), 'git-summary', 'howto', 'pending', 'shout', 'skill-author'].sort());
      expect(byName.get('shout')!.inputSchema).toEqual(TRICKY_SCHEMA);
      expect(byName.has('hidden')).toBe(false);
      expect(byName.get('pending')!.description).toBe('Not approved yet. (needs approval: run `weft skill approve pending`)');

      const instruction = await client.callTool({ name: 'howto', arguments: { arguments: 'the dishes' } }) as Content;
      expect(instruction).toEqual({ content: [{ type: 'text', text: 'Do the dishes carefully.' }] });
      const native = await client.callTool({ name: 'shout', arguments: { text: '$(touch x); --help' } }) as Content;
      expect(native).toEqual({ content: [{ type: 'text', text: '<$(touch x); --help>' }] });
      const wasm = await client.callTool({ name: wasmTool('echo'), arguments: { a: [1, 2] } }) as Content;
      expect(JSON.parse(wasm.content[0]!.text)).toEqual({ a: [1, 2] });

      const bad = await client.callTool({ name: 'shout', arguments: { text: '', mode: 'shrill' } }) as Content;
      expect(bad.isError).toBe(true);
      expect(bad.content[0]!.text).toMatch(/do not match its schema/);
      const pending = await client.callTool({ name: 'pending', arguments: {} }) as Content;
      expect(pending.isError).toBe(true);
      expect(pending.content[0]!.text).toContain('weft skill approve pending');
      const failing = await client.callTool({ name: wasmTool('fail'), arguments: { message: 'boom' } }) as Content;
      expect(failing).toMatchObject({ isError: true, content: [{ type: 'text', text: expect.stringContaining('boom') }] });
      await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool: no_such_tool/);
    } finally {
      await client.close();
    }
  }, 30_000);
});

describe('weft mcp over stdio, raw JSON-RPC', () => {
  for (const version of ['2025-06-18', '2025-11-25']) {
    it(`a ${version} client: handshake, list, call`, async () => {
      raw = new RawStdioClient(spawnMcp(t));
      const init = await raw.initialize(version);
      expect(init.result).toMatchObject({ protocolVersion: version, serverInfo: { name: 'weft' }, capabilities: { tools: { listChanged: true } } });
      const list = await raw.request('tools/list');
      expect((list.result as { tools: Tool[] }).tools.find((x) => x.name === 'shout')!.inputSchema).toEqual(TRICKY_SCHEMA);
      const call = await raw.request('tools/call', { name: 'howto', arguments: { arguments: 'it' } });
      expect(call.result).toEqual({ content: [{ type: 'text', text: 'Do it carefully.' }] });
    });
  }

  it('malformed JSON and non-JSON-RPC lines are answered and the server stays up; an unknown tool is a protocol error', async () => {
    raw = new RawStdioClient(spawnMcp(t));
    await raw.initialize('2025-11-25');
    raw.send('{"jsonrpc": "2.0", "id": 99, "method": ');
    const parse = await raw.waitFor((m) => (m.error as { code?: number } | undefined)?.code === -32700, 'parse error');
    expect(parse).toMatchObject({ jsonrpc: '2.0', id: null });
    raw.send({ hello: 'world' });
    await raw.waitFor((m) => (m.error as { code?: number } | undefined)?.code === -32600, 'invalid request');
    const unknown = await raw.request('tools/call', { name: 'nope', arguments: {} });
    expect(unknown.error).toMatchObject({ code: -32602 });
    expect(String((unknown.error as { message: string }).message)).toContain('Unknown tool: nope');
    const bad = await raw.request('tools/call', { name: 'shout', arguments: { text: 5 } });
    expect(bad.result).toMatchObject({ isError: true });
    expect((await raw.request('tools/list')).result).toBeDefined();
    expect(raw.stderr).not.toMatch(/at .*\.js:\d+/); // no stack traces
  });

  it('logs only on stderr, and ends (exit 0) when stdin closes', async () => {
    raw = new RawStdioClient(spawnMcp(t));
    await raw.initialize('2025-11-25');
    await raw.request('tools/call', { name: wasmTool('log'), arguments: { level: 'warn', message: 'to stderr' } });
    await raw.waitFor(() => raw!.stderr.includes('to stderr'), 'plugin log on stderr');
    expect(raw.messages.every((m) => m.jsonrpc === '2.0')).toBe(true);
    raw.child.stdin.end();
    expect(await raw.exited()).toBe(0);
  });

  it('initialize instructions: untrusted workspace skills are not served, and the text names `weft trust <dir>`', async () => {
    const { writeSkill } = await import('../helpers/skills.js');
    writeSkill(path.join(t.project, '.clawft', 'skills'), 'local', { name: 'local' });
    raw = new RawStdioClient(spawnMcp(t));
    const init = await raw.initialize('2025-11-25');
    const instructions = (init.result as { instructions: string }).instructions;
    expect(instructions).toContain('1 skill(s) of the untrusted workspace');
    expect(instructions).toContain(`weft trust ${t.project}`);
    const list = await raw.request('tools/list');
    expect((list.result as { tools: Tool[] }).tools.some((x) => x.name === 'local')).toBe(false);
  });
});
