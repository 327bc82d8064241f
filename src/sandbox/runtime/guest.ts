/**
 * Worker side: one plugin's component. Core modules are read from the cache
 * entry, rewritten (fuel meter, memory cap) and compiled once per worker;
 * instances are made from the compiled modules on first use and again after
 * every trap (jco marks a trapped instance dead). With a synchronous
 * getCoreModule and instantiateCore, jco's instantiate runs synchronously,
 * so a fresh instance costs only the instantiation itself.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFuelCounter, rewriteCoreModule, type FuelCounter } from '../rewrite/index.js';
import type { HostImports } from './host-imports.js';
import type { GuestOp, GuestOutcome, GuestToolInfo, LoadRequest } from './protocol.js';
import { wasm, type WasmInstance, type WasmModule } from './wasm.js';

interface ToolsExport {
  listTools(): GuestToolInfo[];
  callTool(name: string, argsJson: string): string;
}

interface Generated {
  instantiate(
    getCoreModule: (file: string) => WasmModule,
    imports: Record<string, HostImports>,
    instantiateCore: (module: WasmModule, imports?: object) => WasmInstance,
  ): Promise<Record<string, ToolsExport>> | Record<string, ToolsExport>;
}

interface Live {
  tools: ToolsExport;
  counters: FuelCounter[];
}

export class Guest {
  private live: Live | undefined;

  private constructor(
    private readonly generated: Generated,
    private readonly modules: Map<string, { module: WasmModule; fuelExport: string | undefined }>,
    private readonly host: HostImports,
  ) {}

  static async load(request: LoadRequest, host: HostImports): Promise<Guest> {
    const generated = (await import(pathToFileURL(path.join(request.dir, request.jsFile)).href)) as Generated;
    const entries = await Promise.all(request.coreFiles.map(async (file) => {
      const bytes = await readFile(path.join(request.dir, file));
      const out = rewriteCoreModule(bytes, { fuel: request.fuel, maxMemoryPages: request.maxMemoryPages, initialFuel: request.budget });
      return [file, { module: await wasm.compile(out.bytes), fuelExport: out.fuelGlobalExport }] as const;
    }));
    return new Guest(generated, new Map(entries), host);
  }

  /** Runs one export with every fuel counter set to `budget`; never throws. */
  async run(op: GuestOp, budget: bigint): Promise<GuestOutcome> {
    let live: Live | undefined;
    try {
      live = this.live ?? (this.live = await this.instantiate());
      for (const counter of live.counters) counter.value = budget;
      const value = op.op === 'call' ? live.tools.callTool(op.name, op.args) : live.tools.listTools();
      return { ok: true, value, fuelUsed: used(live, budget) };
    } catch (thrown) {
      const fuelUsed = live ? used(live, budget) : 0n;
      // With transpileBytes' defaults a guest `err` is thrown as its payload, a string;
      // the instance is still good. Anything else is a trap or a host bug: the instance is dead.
      const payload = errPayload(thrown);
      if (payload !== undefined) return { ok: false, kind: 'error', error: payload, fuelUsed, trapped: false };
      this.live = undefined;
      const exhausted = live?.counters.some((c) => c.value < 0n) ?? false;
      if (exhausted) return { ok: false, kind: 'fuel', error: `resource exhausted: fuel (budget ${budget} units)`, fuelUsed, trapped: true };
      return { ok: false, kind: 'error', error: `plugin trapped: ${thrown instanceof Error ? thrown.message : String(thrown)}`, fuelUsed, trapped: true };
    }
  }

  private async instantiate(): Promise<Live> {
    const counters: FuelCounter[] = [];
    const fuelExports = new Map<WasmModule, string | undefined>();
    for (const { module, fuelExport } of this.modules.values()) fuelExports.set(module, fuelExport);
    const getCoreModule = (file: string): WasmModule => {
      const entry = this.modules.get(file);
      if (!entry) throw new Error(`core module ${file} is not in the cache entry`);
      return entry.module;
    };
    const instantiateCore = (module: WasmModule, imports?: object): WasmInstance => {
      const instance = new wasm.Instance(module, imports);
      const name = fuelExports.get(module);
      const counter = name === undefined ? undefined : instance.exports[name];
      if (isFuelCounter(counter)) counters.push(counter);
      return instance;
    };
    // The generated code looks the interface up without its version; supply both keys.
    const imports = { 'weft:plugin/host': this.host, 'weft:plugin/host@0.1.0': this.host };
    const root = await this.generated.instantiate(getCoreModule, imports, instantiateCore);
    const tools = root['weft:plugin/tools@0.1.0'] ?? root.tools;
    if (!tools) throw new Error('the component exports no weft:plugin/tools instance');
    return { tools, counters };
  }
}

/** Units used across every metered core module (the guest and jco's small shims). */
function used(live: Live, budget: bigint): bigint {
  return live.counters.reduce((sum, c) => sum + (budget - c.value), 0n);
}

function errPayload(thrown: unknown): string | undefined {
  if (typeof thrown === 'string') return thrown;
  // The jco CLI's ComponentError carries the err as .payload; accept it too.
  if (thrown instanceof Error && 'payload' in thrown && typeof thrown.payload === 'string') return thrown.payload;
  return undefined;
}
