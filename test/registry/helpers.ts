import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { DEFAULT_ADMISSION_LIMITS } from '../../src/sandbox/admission/index.js';
import { readPlugin } from '../../src/sandbox/catalogue/index.js';
import { LiveRegistry, type LiveRegistryOptions } from '../../src/registry/index.js';
import type { RegistryEvent, RegistrySnapshot } from '../../src/registry/index.js';
import { repoRoot } from '../helpers/run-weft.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

export const ECHO = 'dev.weft.test.echo-wat';
export const HELLO = 'dev.weft.test.hello-as';

/** A temp HOME/CLAWFT_HOME, an empty bundled dir (so repo skills stay out), and every registry started from it. */
export class Fixture {
  readonly t: TempHome = makeTempHome();
  readonly bundled = path.join(this.t.root, 'bundled');
  readonly events: RegistryEvent[] = [];
  private readonly registries: LiveRegistry[] = [];

  constructor() {
    mkdirSync(this.bundled, { recursive: true });
  }

  get managedSkills(): string { return path.join(this.t.clawftHome, 'skills'); }
  get managedPlugins(): string { return path.join(this.t.clawftHome, 'plugins'); }
  get workspaceSkills(): string { return path.join(this.t.project, '.clawft', 'skills'); }
  get approvals(): ApprovalsStore { return new ApprovalsStore(path.join(this.t.clawftHome, 'approvals.json')); }

  async start(options: Partial<LiveRegistryOptions> = {}): Promise<LiveRegistry> {
    const registry = new LiveRegistry({ paths: this.t.paths(), bundledDir: this.bundled, ...options });
    this.registries.push(registry);
    registry.on((e) => this.events.push(e));
    await registry.start();
    return registry;
  }

  /** Copies plugins/<name> into `<folder>/<id>` (default the managed plugin folder); returns the plugin dir. */
  copyPlugin(name: 'echo-wat' | 'hello-as', folder = this.managedPlugins, edit?: (manifest: Record<string, unknown>) => void): string {
    const id = name === 'echo-wat' ? ECHO : HELLO;
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'plugins', name, 'clawft.plugin.json'), 'utf8')) as Record<string, unknown>;
    edit?.(manifest);
    const dir = path.join(folder, String(manifest.id ?? id));
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(repoRoot, 'plugins', name, `${name}.wasm`), path.join(dir, `${name}.wasm`));
    writeFileSync(path.join(dir, 'clawft.plugin.json'), JSON.stringify(manifest, null, 2));
    return dir;
  }

  /** Approves the plugin in `dir` as it is now, as `weft plugin approve --yes` would. */
  async approve(dir: string): Promise<void> {
    const record = await readPlugin(dir, 'managed', DEFAULT_ADMISSION_LIMITS);
    if (!record.manifest || !record.contentHash) throw new Error(`cannot approve ${dir}: ${JSON.stringify(record.diagnostics)}`);
    const { manifest } = record;
    await this.approvals.approvePlugin(manifest.id, { contentHash: record.contentHash, version: manifest.version, permissions: manifest.permissions, tools: manifest.tools });
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.registries.map((r) => r.stop()));
    this.t.cleanup();
  }
}

/** Polls until `check` holds (default 5 s), or throws with `what`. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until the current snapshot satisfies `check`. */
export function waitForSnapshot(registry: LiveRegistry, check: (s: RegistrySnapshot) => boolean, what: string, timeoutMs?: number): Promise<RegistrySnapshot> {
  return waitFor(() => { const s = registry.current(); return check(s) ? s : undefined; }, what, timeoutMs);
}

export function toolIds(s: RegistrySnapshot): string[] {
  return s.tools.map((t) => t.id);
}

export function skillMd(name: string, description: string | undefined, body = `Instructions of ${name}.`, extra = ''): string {
  return ['---', `name: ${name}`, ...(description === undefined ? [] : [`description: ${description}`]), ...(extra ? [extra] : []), '---', '', body, ''].join('\n');
}
