/**
 * The Router stage: which provider and model answer this input. From config
 * `providers.routes` by the classifier's kind (chat, skill), else
 * `routes.default`, else the first provider listed. The key is read from
 * the variable the provider names, at the moment of the turn (never stored).
 */
import { chooseRoute } from '../config/routes.js';
import type { ProviderConfig, WeftConfig } from '../config/types.js';
import type { PipelineStage } from '../plugin/contract/pipeline.js';
import type { Classified } from './classifier.js';
import type { ProviderEndpoint } from './transport/types.js';

export interface Route {
  /** The provider's name in config. */
  provider: string;
  api: ProviderConfig['api'];
  model: string;
  maxTokens: number;
  endpoint: ProviderEndpoint;
  /** Which config entry chose it: `providers.routes.chat`, `providers.routes.default` or the first provider. */
  via: string;
}

/** No model can answer: what is wrong and how to fix it (exit 5). */
export class RouteError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = 'RouteError';
  }
}

export const NO_MODEL_FIX = 'Add a model provider to $CLAWFT_HOME/config.json, e.g. "providers": {"openai": {"api": "openai", '
  + '"baseUrl": "https://api.openai.com/v1", "model": "gpt-4.1-mini", "apiKeyEnv": "OPENAI_API_KEY"}}, with the key in that variable.';

export function route(kind: Classified['kind'], config: WeftConfig, env: NodeJS.ProcessEnv = process.env): Route {
  const chosen = chooseRoute(kind, config);
  if (!chosen) throw new RouteError('no model is configured', NO_MODEL_FIX);
  const name = chosen.provider;
  const provider = config.providers[name];
  if (!provider || !chosen.model) throw new RouteError(`${chosen.via} names the provider "${name}", which is not configured`, `Add "${name}" under providers in $CLAWFT_HOME/config.json, or route to one of: ${Object.keys(config.providers).join(', ') || 'none'}.`);
  const model = chosen.model;
  let apiKey: string | undefined;
  if (provider.apiKeyEnv) {
    apiKey = env[provider.apiKeyEnv];
    if (!apiKey) throw new RouteError(`the provider "${name}" reads its key from ${provider.apiKeyEnv} (providers.${name}.apiKeyEnv), which is not set (or is empty)`, `Set ${provider.apiKeyEnv} in the environment weft runs in (export ${provider.apiKeyEnv}=…), or remove apiKeyEnv for a local server that needs no key.`);
  }
  return {
    provider: name, api: provider.api, model, via: chosen.via, maxTokens: provider.maxTokens ?? config.agent.maxTokens,
    endpoint: { baseUrl: provider.baseUrl, ...(apiKey ? { apiKey } : {}), ...(provider.apiKeyEnv ? { apiKeyEnv: provider.apiKeyEnv } : {}) },
  };
}

/** The stage over the live config: each turn is routed with the config of its snapshot. */
export function routerStage(config: () => WeftConfig, env: NodeJS.ProcessEnv = process.env): PipelineStage<Classified, Route> {
  return { name: 'router', run: async (classified) => route(classified.kind, config(), env) };
}
