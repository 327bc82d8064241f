// The Router stage: which provider and model answer a turn (route()), and the
// config side of routes: unknown providers refused with a fix, `routes` kept
// out of `providers`, and agent limits a workspace may only lower.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_MODEL_FIX, route, RouteError } from '../../src/agent/router.js';
import { loadConfig } from '../../src/config/load.js';
import { DEFAULT_CONFIG, type ProviderConfig, type RoutesConfig, type WeftConfig } from '../../src/config/types.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

const A: ProviderConfig = { api: 'openai', baseUrl: 'http://127.0.0.1:1/v1', model: 'a-model', apiKeyEnv: 'A_KEY' };
const B: ProviderConfig = { api: 'anthropic', baseUrl: 'http://127.0.0.1:2', model: 'b-model', apiKeyEnv: 'B_KEY', maxTokens: 777 };
const LOCAL: ProviderConfig = { api: 'openai', baseUrl: 'http://127.0.0.1:3/v1', model: 'local-model' };
const ENV: NodeJS.ProcessEnv = { A_KEY: 'sk-a-secret', B_KEY: 'sk-b-secret' };

function config(providers: Record<string, ProviderConfig>, routes: RoutesConfig = {}, agent: Partial<WeftConfig['agent']> = {}): WeftConfig {
  return { ...DEFAULT_CONFIG, providers, routes, agent: { ...DEFAULT_CONFIG.agent, ...agent } };
}

function routeError(fn: () => unknown): RouteError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RouteError);
    return error as RouteError;
  }
  throw new Error('expected a RouteError, nothing was thrown');
}

describe('route(): which provider answers each kind of input', () => {
  it('routes.chat for chat, routes.skill for skills, routes.default for commands', () => {
    const c = config({ a: A, b: B, local: LOCAL }, { chat: 'b', skill: 'local', default: 'a' });
    expect(route('chat', c, ENV)).toMatchObject({ provider: 'b', api: 'anthropic', model: 'b-model', via: 'providers.routes.chat' });
    expect(route('skill', c, ENV)).toMatchObject({ provider: 'local', model: 'local-model', via: 'providers.routes.skill' });
    expect(route('command', c, ENV)).toMatchObject({ provider: 'a', model: 'a-model', via: 'providers.routes.default' });
  });

  it('falls back to routes.default for a kind without its own route', () => {
    const c = config({ a: A, b: B }, { default: 'b' });
    expect(route('chat', c, ENV)).toMatchObject({ provider: 'b', via: 'providers.routes.default' });
    expect(route('skill', c, ENV)).toMatchObject({ provider: 'b', via: 'providers.routes.default' });
  });

  it('without routes the first provider listed answers everything', () => {
    const c = config({ b: B, a: A });
    for (const kind of ['chat', 'skill', 'command'] as const) {
      expect(route(kind, c, ENV)).toMatchObject({ provider: 'b', model: 'b-model', via: 'the first provider ("b")' });
    }
  });

  it('{provider, model} overrides the provider\'s model; {provider} alone keeps it', () => {
    const c = config({ a: A, b: B }, { chat: { provider: 'a', model: 'a-big' }, skill: { provider: 'b' } });
    expect(route('chat', c, ENV)).toMatchObject({ provider: 'a', model: 'a-big', via: 'providers.routes.chat' });
    expect(route('skill', c, ENV)).toMatchObject({ provider: 'b', model: 'b-model' });
  });

  it('maxTokens: the provider\'s own, else agent.maxTokens', () => {
    const c = config({ a: A, b: B }, { chat: 'a', skill: 'b' }, { maxTokens: 1234 });
    expect(route('chat', c, ENV).maxTokens).toBe(1234);
    expect(route('skill', c, ENV).maxTokens).toBe(777);
  });

  it('the endpoint carries the base URL, the key read from the env given, and the variable\'s name', () => {
    const r = route('chat', config({ b: B }), ENV);
    expect(r.endpoint).toEqual({ baseUrl: 'http://127.0.0.1:2', apiKey: 'sk-b-secret', apiKeyEnv: 'B_KEY' });
  });

  it('a provider without apiKeyEnv gets no key at all, whatever the env holds', () => {
    const r = route('chat', config({ local: LOCAL }), { ...ENV, OPENAI_API_KEY: 'sk-should-not-leak' });
    expect(r.endpoint).toEqual({ baseUrl: 'http://127.0.0.1:3/v1' });
    expect('apiKey' in r.endpoint).toBe(false);
    expect('apiKeyEnv' in r.endpoint).toBe(false);
  });

  it('no providers: a RouteError with the fix that shows how to add one', () => {
    const e = routeError(() => route('chat', config({}), ENV));
    expect(e.message).toBe('no model is configured');
    expect(e.fix).toBe(NO_MODEL_FIX);
    expect(e.fix).toContain('"providers"');
  });

  it('a route to a missing provider names the field that chose it and the providers that exist', () => {
    const chat = routeError(() => route('chat', config({ a: A, b: B }, { chat: 'gone' }), ENV));
    expect(chat.message).toContain('providers.routes.chat');
    expect(chat.message).toContain('"gone"');
    expect(chat.fix).toContain('a, b');
    const byDefault = routeError(() => route('command', config({ a: A }, { default: { provider: 'nope', model: 'x' } }), ENV));
    expect(byDefault.message).toContain('providers.routes.default');
    expect(byDefault.message).toContain('"nope"');
  });

  it.each([
    ['missing', {}],
    ['empty', { A_KEY: '' }],
  ])('apiKeyEnv set but the variable %s: a RouteError naming the variable, never any key', (_, env) => {
    const e = routeError(() => route('chat', config({ a: A, b: B }, { chat: 'a' }), { ...env, B_KEY: 'sk-b-secret' }));
    expect(e.message).toContain('A_KEY');
    expect(e.message).toContain('"a"');
    expect(e.fix).toContain('export A_KEY=');
    expect(`${e.message} ${e.fix}`).not.toContain('sk-');
  });

  it('reads the env it is given, not process.env', () => {
    const name = 'WEFT_ROUTER_TEST_ONLY_IN_PROCESS_ENV';
    process.env[name] = 'sk-process';
    try {
      const p: ProviderConfig = { ...LOCAL, apiKeyEnv: name };
      expect(() => route('chat', config({ p }), {})).toThrow(RouteError);
      expect(route('chat', config({ p }), { [name]: 'sk-given' }).endpoint.apiKey).toBe('sk-given');
    } finally {
      delete process.env[name];
    }
  });
});

describe('routes in config files', () => {
  let t: TempHome;
  beforeEach(() => { t = makeTempHome(); mkdirSync(t.clawftHome, { recursive: true }); });
  afterEach(() => t.cleanup());

  const homeFile = () => path.join(t.clawftHome, 'config.json');
  const home = (content: object) => writeFileSync(homeFile(), JSON.stringify(content));
  const workspace = (content: object) => {
    mkdirSync(path.join(t.project, '.clawft'), { recursive: true });
    writeFileSync(path.join(t.project, '.clawft', 'config.json'), JSON.stringify(content));
  };
  const providers = { main: A, spare: LOCAL };

  it('routes.chat naming a missing provider is an error on that field, listing the providers that exist', async () => {
    home({ providers: { ...providers, routes: { chat: 'typo' } } });
    const r = await loadConfig(t.paths(), null);
    expect(r.config).toBeUndefined();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'route-unknown-provider', file: homeFile(), field: 'providers.routes.chat' });
    expect(errors[0]!.problem).toContain('"typo"');
    expect(errors[0]!.fix).toContain('"main", "spare"');
  });

  it('the {provider} form points at providers.routes.chat.provider', async () => {
    home({ providers: { ...providers, routes: { chat: { provider: 'x', model: 'm' } } } });
    const r = await loadConfig(t.paths(), null);
    expect(r.config).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.severity, d.field])).toEqual([['error', 'providers.routes.chat.provider']]);
  });

  it('valid routes load into config.routes, and providers holds only providers', async () => {
    home({ providers: { ...providers, routes: { chat: 'spare', skill: { provider: 'main', model: 'big' }, default: 'main' } } });
    const r = await loadConfig(t.paths(), null);
    expect(r.diagnostics).toEqual([]);
    expect(r.config!.routes).toEqual({ chat: 'spare', skill: { provider: 'main', model: 'big' }, default: 'main' });
    expect(Object.keys(r.config!.providers).sort()).toEqual(['main', 'spare']);
    expect('routes' in r.config!.providers).toBe(false);
    expect(route('chat', r.config!, ENV)).toMatchObject({ provider: 'spare', model: 'local-model' });
  });

  it('routes in a trusted workspace config are ignored with a warning, not checked against providers it cannot set', async () => {
    home({ providers: { main: { api: 'openai', baseUrl: 'http://127.0.0.1:1/v1', model: 'm' } } });
    workspace({ providers: { routes: { chat: 'main' } } });
    const r = await loadConfig(t.paths(), { root: t.project, trusted: true });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.field])).toEqual([['config-widen-ignored', 'warning', 'providers']]);
    expect(r.config!.routes).toEqual({});
  });

  it('a trusted workspace may lower agent.maxTurns', async () => {
    home({ agent: { maxTurns: 10 } });
    workspace({ agent: { maxTurns: 3 } });
    const r = await loadConfig(t.paths(), { root: t.project, trusted: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.config!.agent).toEqual({ ...DEFAULT_CONFIG.agent, maxTurns: 3 });
  });

  it('raising agent.maxTurns from a workspace is ignored with a config-widen-ignored warning; lowering another key still applies', async () => {
    home({ agent: { maxTurns: 10 } });
    workspace({ agent: { maxTurns: 50, maxTokens: 100 } });
    const r = await loadConfig(t.paths(), { root: t.project, trusted: true });
    expect(r.config!.agent.maxTurns).toBe(10);
    expect(r.config!.agent.maxTokens).toBe(100);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'config-widen-ignored', severity: 'warning', field: 'agent.maxTurns', file: path.join(t.project, '.clawft', 'config.json'),
    });
    expect(r.diagnostics[0]!.problem).toContain('50');
    expect(r.diagnostics[0]!.problem).toContain('10');
  });
});
