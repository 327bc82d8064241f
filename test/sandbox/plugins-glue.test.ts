// The committed test plugins, transpiled with jco-transpile and run in-process
// with recording host functions: proves their hand-written canonical-ABI glue.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/plugin/manifest/parse.js';
import type { PluginManifest } from '../../src/plugin/manifest/types.js';
import {
  callTool, loadPlugin, PLUGIN_NAMES, pluginsDir, readPlugin, recordingHost, removeTranspiled,
  wasm, type HostFunctions, type PluginInstance, type PluginName,
} from './plugin-harness.js';

const text = (s: string) => new TextEncoder().encode(s);

function manifestOf(name: PluginName): PluginManifest {
  const file = path.join(pluginsDir, name, 'clawft.plugin.json');
  const result = parseManifest(readFileSync(file, 'utf8'), file);
  expect(result.diagnostics).toEqual([]);
  return result.manifest!;
}

/** The checksum echo-wat's compute tool returns: x = x * 1103515245 + 12345 (mod 2^32), n times from 1. */
function lcg(n: number): number {
  let x = 1;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  return x;
}

afterAll(removeTranspiled);

describe.each(PLUGIN_NAMES)('plugin %s', (name) => {
  it('has a valid manifest naming its component, with the tools list-tools reports', async () => {
    const manifest = manifestOf(name);
    expect(manifest.wasm_module).toBe(`${name}.wasm`);
    const make = await loadPlugin(readPlugin(name));
    const { tools } = await make(recordingHost().host);
    const listed = tools.listTools().map((t) => ({ name: t.name, description: t.description, input_schema: JSON.parse(t.inputSchema) as unknown }));
    expect(listed).toEqual(manifest.tools);
  });
});

describe('echo-wat', () => {
  let make: (host: HostFunctions) => Promise<PluginInstance>;
  beforeAll(async () => {
    make = await loadPlugin(readPlugin('echo-wat'));
  });

  it('echo returns its arguments unchanged, multi-byte UTF-8 included', async () => {
    const { tools } = await make(recordingHost().host);
    const args = '{"a": [1, 2], "s": "h\\u00e9llo ☃ 🦀"}';
    expect(callTool(tools, 'echo', args)).toEqual({ ok: args });
    expect(callTool(tools, 'echo', '')).toEqual({ ok: '' });
  });

  it('compute runs n iterations and returns their checksum', async () => {
    const { tools } = await make(recordingHost().host);
    for (const n of [0, 1, 1000, 250_000]) {
      expect(callTool(tools, 'compute', { n })).toEqual({ ok: `{"n":${n},"result":${lcg(n)}}` });
    }
    expect(callTool(tools, 'compute', { n: 'many' })).toEqual({ err: 'missing or invalid argument: n' });
    expect(callTool(tools, 'compute', {})).toEqual({ err: 'missing or invalid argument: n' });
  });

  it('answers unknown tools and fail with err results', async () => {
    const { tools } = await make(recordingHost().host);
    expect(callTool(tools, 'nope', {})).toEqual({ err: 'unknown tool: nope' });
    expect(callTool(tools, 'fail', { message: 'boom' })).toEqual({ err: 'boom' });
    expect(callTool(tools, 'fail', {})).toEqual({ err: 'failed on purpose' });
  });

  it('trap is a WebAssembly trap, after which the instance refuses calls', async () => {
    const { tools } = await make(recordingHost().host);
    expect(() => tools.callTool('trap', '{}')).toThrow(wasm.RuntimeError);
    expect(() => tools.callTool('echo', '{}')).toThrow();
  });

  it('grow_memory reports the previous size, or -1 when memory cannot grow', async () => {
    const plugin = await make(recordingHost().host);
    expect(callTool(plugin.tools, 'grow_memory', { pages: 2 })).toEqual({ ok: '{"previous":1}' });
    expect(plugin.memory().buffer.byteLength).toBe(3 * 65536);
    expect(callTool(plugin.tools, 'grow_memory', { pages: 70_000 })).toEqual({ ok: '{"previous":-1}' });
  });

  it('read_file lowers the path, lifts list<u8> contents, and passes err through', async () => {
    const { host, calls } = recordingHost({
      readFile: (p) => {
        if (p === 'secret') throw 'permission denied: secret';
        return text(`contents of ${p}: ünïcode`);
      },
    });
    const { tools } = await make(host);
    expect(callTool(tools, 'read_file', { path: 'notes/a.txt' })).toEqual({ ok: 'contents of notes/a.txt: ünïcode' });
    expect(callTool(tools, 'read_file', { path: 'secret' })).toEqual({ err: 'permission denied: secret' });
    expect(callTool(tools, 'read_file', {})).toEqual({ err: 'missing or invalid argument: path' });
    expect(calls).toEqual([{ fn: 'readFile', args: ['notes/a.txt'] }, { fn: 'readFile', args: ['secret'] }]);
  });

  it('write_file lowers path and contents, and lifts result<_, string>', async () => {
    const written: [string, string][] = [];
    const { host } = recordingHost({
      writeFile: (p, contents) => {
        if (p === 'ro') throw 'read-only';
        written.push([p, new TextDecoder().decode(contents)]);
      },
    });
    const { tools } = await make(host);
    expect(callTool(tools, 'write_file', { path: 'out.txt', contents: 'héllo' })).toEqual({ ok: '{"written":6}' });
    expect(callTool(tools, 'write_file', { path: 'ro', contents: 'x' })).toEqual({ err: 'read-only' });
    expect(callTool(tools, 'write_file', { path: 'out.txt' })).toEqual({ err: 'missing or invalid argument: contents' });
    expect(written).toEqual([['out.txt', 'héllo']]);
  });

  it('http_request lowers the request record and lifts the response record', async () => {
    const { host, calls } = recordingHost({
      httpRequest: (req) => {
        if (req.url.includes('blocked')) throw 'host not allowed: blocked.example';
        return { status: 201, headers: [['content-type', 'text/plain'], ['x-echo', req.method]], body: text(`got ${req.body.length} bytes`) };
      },
    });
    const { tools } = await make(host);
    expect(callTool(tools, 'http_request', { url: 'http://127.0.0.1:9/x', method: 'POST', body: 'data!' }))
      .toEqual({ ok: '201\ncontent-type: text/plain\nx-echo: POST\n\ngot 5 bytes' });
    expect(callTool(tools, 'http_request', { url: 'http://blocked.example/' })).toEqual({ err: 'host not allowed: blocked.example' });
    const [first, second] = calls.map((c) => c.args[0]);
    expect(first).toEqual({ method: 'POST', url: 'http://127.0.0.1:9/x', headers: [['user-agent', 'weft-echo-wat/0.1']], body: text('data!') });
    expect(second).toMatchObject({ method: 'GET', url: 'http://blocked.example/', body: new Uint8Array() });
  });

  it('get_env lifts option<string>', async () => {
    const { host } = recordingHost({ getEnv: (n) => (n === 'WEFT_ECHO_VAR' ? 'value ✓' : undefined) });
    const { tools } = await make(host);
    expect(callTool(tools, 'get_env', { name: 'WEFT_ECHO_VAR' })).toEqual({ ok: 'value ✓' });
    expect(callTool(tools, 'get_env', { name: 'HOME' })).toEqual({ err: 'HOME is not set or not granted' });
  });

  it('log lowers the log-level enum and the message', async () => {
    const { host, calls } = recordingHost();
    const { tools } = await make(host);
    for (const level of ['trace', 'debug', 'info', 'warn', 'error']) {
      expect(callTool(tools, 'log', { level, message: `at ${level}` })).toEqual({ ok: 'logged' });
    }
    expect(callTool(tools, 'log', { message: 'no level' })).toEqual({ ok: 'logged' });
    expect(calls.map((c) => c.args)).toEqual([
      ['trace', 'at trace'], ['debug', 'at debug'], ['info', 'at info'], ['warn', 'at warn'], ['error', 'at error'], ['info', 'no level'],
    ]);
  });

  it('frees each call\'s memory in post-return: many calls never grow memory', async () => {
    const plugin = await make(recordingHost({ readFile: () => new Uint8Array(8192) }).host);
    const args = JSON.stringify({ path: 'x', pad: 'y'.repeat(4096) });
    for (let i = 0; i < 2000; i++) {
      callTool(plugin.tools, 'echo', args);
      callTool(plugin.tools, 'read_file', args);
      plugin.tools.listTools();
    }
    expect(plugin.memory().buffer.byteLength).toBe(65536);
  });
});

describe('hello-as', () => {
  let make: (host: HostFunctions) => Promise<PluginInstance>;
  beforeAll(async () => {
    make = await loadPlugin(readPlugin('hello-as'));
  });

  it('hello greets by argument, then $WEFT_HELLO_NAME, then "world", logging each greeting', async () => {
    let envName: string | undefined = 'Ada';
    const { host, calls } = recordingHost({ getEnv: (n) => (n === 'WEFT_HELLO_NAME' ? envName : undefined) });
    const { tools } = await make(host);
    expect(callTool(tools, 'hello', { name: 'Grace "G" Hopper ☃' })).toEqual({ ok: 'Hello, Grace "G" Hopper ☃!' });
    expect(callTool(tools, 'hello', {})).toEqual({ ok: 'Hello, Ada!' });
    envName = undefined;
    expect(callTool(tools, 'hello', {})).toEqual({ ok: 'Hello, world!' });
    expect(calls).toEqual([
      { fn: 'log', args: ['info', 'greeting Grace "G" Hopper ☃'] },
      { fn: 'getEnv', args: ['WEFT_HELLO_NAME'] },
      { fn: 'log', args: ['info', 'greeting Ada'] },
      { fn: 'getEnv', args: ['WEFT_HELLO_NAME'] },
      { fn: 'log', args: ['info', 'greeting world'] },
    ]);
  });

  it('word_count counts words; bad arguments and unknown tools are err results', async () => {
    const { tools } = await make(recordingHost().host);
    expect(callTool(tools, 'word_count', { text: ' one two\tthree\nfour  ' })).toEqual({ ok: '{"words":4}' });
    expect(callTool(tools, 'word_count', { text: '' })).toEqual({ ok: '{"words":0}' });
    expect(callTool(tools, 'word_count', {})).toEqual({ err: 'missing or invalid argument: text' });
    expect(callTool(tools, 'nope', {})).toEqual({ err: 'unknown tool: nope' });
  });

  it('memory stays bounded over many calls (post-return frees, the GC collects)', async () => {
    const plugin = await make(recordingHost({ getEnv: () => 'x'.repeat(1000) }).host);
    const args = JSON.stringify({ text: 'word '.repeat(200) });
    for (let i = 0; i < 500; i++) {
      callTool(plugin.tools, 'hello', {});
      callTool(plugin.tools, 'word_count', args);
      plugin.tools.listTools();
    }
    expect(plugin.memory().buffer.byteLength).toBeLessThanOrEqual(4 * 65536);
  });
});
