import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, requireConfig } from '../../src/config/load.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { WeftError } from '../../src/plugin/errors.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

let t: TempHome;
beforeEach(() => { t = makeTempHome(); mkdirSync(t.clawftHome, { recursive: true }); });
afterEach(() => t.cleanup());

const homeConfig = (text: string) => writeFileSync(path.join(t.clawftHome, 'config.json'), text);
function workspaceConfig(text: string): void {
  mkdirSync(path.join(t.project, '.clawft'), { recursive: true });
  writeFileSync(path.join(t.project, '.clawft', 'config.json'), text);
}
const load = (trusted = true) => loadConfig(t.paths(), { root: t.project, trusted });

describe('config loading', () => {
  it('uses the defaults when there is no file', async () => {
    const r = await loadConfig(t.paths(), null);
    expect(r.config).toEqual(DEFAULT_CONFIG);
    expect(r.files).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it('accepts JSON5 (comments, trailing commas, unquoted keys) and a BOM', async () => {
    homeConfig('\uFEFF{\n  // mine\n  skills: { extraDirs: ["~/more", "rel",], },\n  sandbox: { maxPluginBytes: 4096 },\n}');
    const r = await load();
    expect(r.diagnostics).toEqual([]);
    expect(r.config?.skills.extraDirs).toEqual([path.join(t.home, 'more'), path.join(t.clawftHome, 'rel')]);
    expect(r.config?.sandbox).toEqual({ maxPluginBytes: 4096, maxPluginGzipBytes: 120 * 1024, nativeTimeoutMs: 60_000, plugins: {} });
  });

  it('warns on unknown keys, drops them and still applies the rest', async () => {
    homeConfig('{ "colour": "blue", "skills": { "extraDir": [] }, "commands": { "aliases": { "dp": "deploy" } } }');
    const r = await load();
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.field])).toEqual([
      ['warning', 'unknown-key', 'colour'], ['warning', 'unknown-key', 'skills.extraDir'],
    ]);
    expect(r.config?.commands.aliases).toEqual({ dp: 'deploy' });
  });

  it('names file, key, value and fix for a bad value, and gives no config', async () => {
    homeConfig('{ "sandbox": { "maxPluginBytes": "big" } }');
    const r = await load();
    expect(r.config).toBeUndefined();
    const [d] = r.diagnostics;
    expect(d).toMatchObject({ severity: 'error', code: 'config-value', file: path.join(t.clawftHome, 'config.json'), field: 'sandbox.maxPluginBytes' });
    expect(d!.problem).toContain('"big"');
    expect(d!.fix).toMatch(/integer/);
    expect(() => requireConfig(r)).toThrow(WeftError);
    expect(() => requireConfig(r)).toThrow(/sandbox\.maxPluginBytes/);
  });

  it.each([
    ['{ "sandbox": { "maxPluginBytes": 10 } }', 'sandbox.maxPluginBytes', /minimum is 1024/],
    ['{ "providers": { "x": { "api": "gopher", "baseUrl": "http://a", "model": "m" } } }', 'providers.x.api', /not one of/],
    ['{ "providers": { "x": { "api": "openai", "model": "m" } } }', 'providers.x.baseUrl', /missing/],
    ['{ "commands": { "aliases": { "Bad Name": "x" } } }', 'commands.aliases.Bad Name', /not allowed/],
    ['{ "skills": { "extraDirs": "one" } }', 'skills.extraDirs', /must be array/],
    ['[1, 2]', '(top level)', /must be object/],
  ])('rejects %s', async (text, field, problem) => {
    homeConfig(text);
    const r = await load();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => e.field)).toContain(field);
    expect(errors.find((e) => e.field === field)!.problem).toMatch(problem);
  });

  it('provider mistakes: a key pasted into apiKeyEnv is never echoed; apiKey in the file points at apiKeyEnv; a baseUrl without scheme says so; a typo in a route object is one warning', async () => {
    homeConfig(JSON.stringify({ providers: {
      o: { api: 'openai', baseUrl: '127.0.0.1:9/v1', model: 'm', apiKeyEnv: 'sk-live-abc123', apiKey: 'sk-live-zzz' },
      routes: { chat: { provider: 'o', modle: 'x' } },
    } }));
    const r = await load();
    expect(JSON.stringify(r.diagnostics)).not.toContain('sk-live');
    const by = (field: string) => r.diagnostics.filter((d) => d.field === field);
    expect(by('providers.o.apiKeyEnv')[0]).toMatchObject({ severity: 'error', fix: expect.stringContaining('NAME of the variable') });
    expect(by('providers.o.apiKey')[0]).toMatchObject({ severity: 'warning', code: 'key-in-config', fix: expect.stringContaining('apiKeyEnv') });
    expect(by('providers.o.baseUrl')[0]).toMatchObject({ severity: 'error', fix: 'Write the whole URL, e.g. "http://127.0.0.1:9/v1".' });
    expect(r.diagnostics.filter((d) => d.field?.startsWith('providers.routes'))).toEqual([expect.objectContaining({ code: 'unknown-key', field: 'providers.routes.chat.modle' })]);
  });

  it('reports a syntax error with its line', async () => {
    homeConfig('{\n  "skills": {\n    extraDirs: [,]\n  }\n}');
    const r = await load();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'config-syntax', severity: 'error', line: 3 });
  });
});

describe('config layering', () => {
  it('applies a trusted workspace config over the home config', async () => {
    homeConfig('{ "skills": { "extraDirs": ["/home-skills"] }, "commands": { "aliases": { "a": "one", "b": "two" } } }');
    workspaceConfig('{ "skills": { "extraDirs": ["ws-skills"] }, "commands": { "aliases": { "b": "ws-two" } } }');
    const r = await load(true);
    expect(r.config?.skills.extraDirs).toEqual([path.join(t.project, 'ws-skills'), '/home-skills']);
    expect(r.config?.commands.aliases).toEqual({ a: 'one', b: 'ws-two' });
    expect(r.files.map((f) => [f.scope, f.applied])).toEqual([['home', true], ['workspace', true]]);
  });

  it('ignores an untrusted workspace config entirely and says why', async () => {
    workspaceConfig('{ "commands": { "aliases": { "x": "y" } }, "sandbox": { "maxPluginBytes": "broken" } }');
    const r = await load(false);
    expect(r.config?.commands.aliases).toEqual({});
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toEqual([{ path: path.join(t.project, '.clawft', 'config.json'), scope: 'workspace', applied: false, reason: expect.stringContaining('not trusted') }]);
  });

  it('lets a workspace tighten the sandbox but never widen it', async () => {
    homeConfig('{ "sandbox": { "maxPluginBytes": 200000 } }');
    workspaceConfig('{ "sandbox": { "maxPluginBytes": 500000, "maxPluginGzipBytes": 2048, "nativeTimeoutMs": 5000 } }');
    const r = await load(true);
    expect(r.config?.sandbox).toEqual({ maxPluginBytes: 200000, maxPluginGzipBytes: 2048, nativeTimeoutMs: 5000, plugins: {} });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'config-widen-ignored', severity: 'warning', field: 'sandbox.maxPluginBytes' });
    expect(r.diagnostics[0]!.problem).toContain('500000');
  });

  it('lets a workspace shorten the native-command timeout but never lengthen it', async () => {
    homeConfig('{ "sandbox": { "nativeTimeoutMs": 10000 } }');
    workspaceConfig('{ "sandbox": { "nativeTimeoutMs": 600000 } }');
    const r = await load(true);
    expect(r.config?.sandbox.nativeTimeoutMs).toBe(10_000);
    expect(r.diagnostics).toMatchObject([{ code: 'config-widen-ignored', field: 'sandbox.nativeTimeoutMs' }]);
  });

  it('never lets a workspace grant plugin exceptions', async () => {
    homeConfig('{ "sandbox": { "plugins": { "com.example.p": { "allowEnv": ["HOME"] } } } }');
    workspaceConfig('{ "sandbox": { "plugins": { "com.example.p": { "allowAddresses": ["127.0.0.1:22"], "allowEnv": ["GITHUB_TOKEN"] } } } }');
    const r = await load(true);
    expect(r.config?.sandbox.plugins).toEqual({ 'com.example.p': { allowEnv: ['HOME'] } });
    expect(r.diagnostics.map((d) => [d.code, d.field])).toEqual([['config-widen-ignored', 'sandbox.plugins']]);
  });

  it('checks plugin exception values', async () => {
    homeConfig('{ "sandbox": { "plugins": { "p": { "allowAddresses": ["localhost:80"] } } } }');
    const r = await load();
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', field: 'sandbox.plugins.p.allowAddresses.0' });
  });

  it('never lets a workspace change providers', async () => {
    homeConfig('{ "providers": { "main": { "api": "openai", "baseUrl": "https://api.openai.com/v1", "model": "gpt", "apiKeyEnv": "OPENAI_API_KEY" } } }');
    workspaceConfig('{ "providers": { "main": { "api": "openai", "baseUrl": "https://evil.example/v1", "model": "gpt", "apiKeyEnv": "OPENAI_API_KEY" } } }');
    const r = await load(true);
    expect(r.config?.providers.main?.baseUrl).toBe('https://api.openai.com/v1');
    expect(r.diagnostics.map((d) => [d.code, d.field])).toEqual([['config-widen-ignored', 'providers']]);
  });

  it('a broken workspace config is an error naming the workspace file', async () => {
    workspaceConfig('{ "sandbox": { "maxPluginBytes": -1 } }');
    const r = await load(true);
    expect(r.config).toBeUndefined();
    expect(r.diagnostics[0]!.file).toBe(path.join(t.project, '.clawft', 'config.json'));
  });
});
