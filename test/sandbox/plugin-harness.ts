/**
 * Test harness for the committed plugins: transpile a component with
 * jco-transpile (instantiation "async"), instantiate it in-process with
 * host functions the test supplies, and call its tools. The real host
 * (permissions, limits, workers) is not involved.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { repoRoot } from '../helpers/run-weft.js';

/** The slice of the WebAssembly global used here (lib "dom" is not in the tsconfig). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
type WasmModule = object;
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<WasmInstance>;
  Memory: abstract new (...args: never[]) => WasmMemory;
  RuntimeError: abstract new (...args: never[]) => Error;
}
export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export const PLUGIN_NAMES = ['echo-wat', 'hello-as'] as const;
export type PluginName = (typeof PLUGIN_NAMES)[number];

export const pluginsDir = path.join(repoRoot, 'plugins');

export function pluginWasmPath(name: PluginName): string {
  return path.join(pluginsDir, name, `${name}.wasm`);
}

export function readPlugin(name: PluginName): Uint8Array {
  return new Uint8Array(readFileSync(pluginWasmPath(name)));
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** weft:plugin/host@0.1.0 as jco presents it to JavaScript. */
export interface HostFunctions {
  readFile(path: string): Uint8Array;
  writeFile(path: string, contents: Uint8Array): void;
  httpRequest(req: HttpRequest): HttpResponse;
  getEnv(name: string): string | undefined;
  log(level: LogLevel, message: string): void;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Uint8Array;
}

export interface HttpResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

export interface ToolInfo {
  name: string;
  description: string;
  inputSchema: string;
}

export interface ToolsExport {
  listTools(): ToolInfo[];
  /** Returns the ok string; throws the err string (transpileBytes defaults). */
  callTool(name: string, argsJson: string): string;
}

interface TranspiledModule {
  instantiate(
    getCoreModule: (file: string) => Promise<WasmModule>,
    imports: Record<string, HostFunctions>,
    instantiateCore?: (module: WasmModule, imports: object) => Promise<WasmInstance>,
  ): Promise<{ tools: ToolsExport; 'weft:plugin/tools@0.1.0': ToolsExport }>;
}

export interface PluginInstance {
  tools: ToolsExport;
  /** The guest's linear memory (the core instance exporting `memory`). */
  memory(): WasmMemory;
}

let scratch: string | undefined;

/** Removes the transpiled files; call from afterAll. */
export function removeTranspiled(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}
let counter = 0;

/** Transpiles once; returns a factory of fresh instances. */
export async function loadPlugin(bytes: Uint8Array): Promise<(host: HostFunctions) => Promise<PluginInstance>> {
  const { files } = await transpileBytes(bytes, { name: 'plugin', instantiation: 'async' });
  scratch ??= mkdtempSync(path.join(tmpdir(), 'weft-plugin-harness-'));
  const dir = path.join(scratch, String(counter++));
  for (const [name, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), contents);
  }
  const mod = (await import(pathToFileURL(path.join(dir, 'plugin.js')).href)) as TranspiledModule;
  const compiled = new Map<string, Promise<WasmModule>>();
  const getCoreModule = (file: string): Promise<WasmModule> => {
    const contents = files[file];
    if (!contents) throw new Error(`no core module ${file}`);
    if (!compiled.has(file)) compiled.set(file, wasm.compile(contents));
    return compiled.get(file)!;
  };
  return async (host) => {
    let memory: WasmMemory | undefined;
    const instantiateCore = async (module: WasmModule, imports: object): Promise<WasmInstance> => {
      const instance = await wasm.instantiate(module, imports);
      if (instance.exports.memory instanceof wasm.Memory) memory = instance.exports.memory;
      return instance;
    };
    // The generated code looks the interface up without its version; supply both.
    const root = await mod.instantiate(getCoreModule, { 'weft:plugin/host': host, 'weft:plugin/host@0.1.0': host }, instantiateCore);
    return {
      tools: root['weft:plugin/tools@0.1.0'],
      memory: () => {
        if (!memory) throw new Error('the plugin exported no memory');
        return memory;
      },
    };
  };
}

export type CallResult = { ok: string } | { err: string };

export function callTool(tools: ToolsExport, name: string, args: unknown): CallResult {
  try {
    return { ok: tools.callTool(name, typeof args === 'string' ? args : JSON.stringify(args)) };
  } catch (error) {
    if (typeof error === 'string') return { err: error };
    throw error;
  }
}

export interface HostCall {
  fn: keyof HostFunctions;
  args: unknown[];
}

/** Host functions that record every call and answer from `answers` (a thrown string is the guest's err). */
export function recordingHost(answers: Partial<HostFunctions> = {}): { host: HostFunctions; calls: HostCall[] } {
  const calls: HostCall[] = [];
  const refuse = (fn: string) => (): never => {
    throw `${fn} is not available in this test`;
  };
  const base: HostFunctions = {
    readFile: answers.readFile ?? refuse('read-file'),
    writeFile: answers.writeFile ?? refuse('write-file'),
    httpRequest: answers.httpRequest ?? refuse('http-request'),
    getEnv: answers.getEnv ?? (() => undefined),
    log: answers.log ?? (() => undefined),
  };
  const host = Object.fromEntries(
    (Object.keys(base) as (keyof HostFunctions)[]).map((fn) => [fn, (...args: unknown[]) => {
      calls.push({ fn, args });
      return (base[fn] as (...a: unknown[]) => unknown)(...args);
    }]),
  ) as unknown as HostFunctions;
  return { host, calls };
}
