/**
 * `providers.routes` must name providers that exist: a typo would otherwise
 * surface only when the first message is sent, far from the file.
 */
import type { Diagnostic } from '../plugin/diagnostic.js';
import type { ConfigFileContent, RouteTarget, WeftConfig } from './types.js';

export type RouteKind = 'chat' | 'skill' | 'command';

export interface RouteChoice {
  provider: string;
  /** The route's own model, else the provider's (undefined when the provider is not configured). */
  model: string | undefined;
  /** The config entry that chose it: `providers.routes.chat`, `providers.routes.default`, or the first provider. */
  via: string;
}

/** Which provider answers `kind`: its route, else routes.default, else the first provider listed; undefined with none. */
export function chooseRoute(kind: RouteKind, config: Pick<WeftConfig, 'routes' | 'providers'>): RouteChoice | undefined {
  const { routes } = config;
  const own = kind === 'chat' || kind === 'skill' ? routes[kind] : undefined;
  const first = Object.keys(config.providers)[0];
  const [target, via] = own ? [own, `providers.routes.${kind}`] : routes.default ? [routes.default, 'providers.routes.default'] : first ? [first, `the first provider ("${first}")`] : [];
  if (!target || !via) return undefined;
  const provider = routeProvider(target);
  return { provider, model: (typeof target === 'string' ? undefined : target.model) ?? config.providers[provider]?.model, via };
}

export function routeProvider(target: RouteTarget): string {
  return typeof target === 'string' ? target : target.provider;
}

export function checkRoutes(content: ConfigFileContent, file: string): Diagnostic[] {
  const { routes, ...providers } = content.providers ?? {};
  const names = Object.keys(providers);
  return Object.entries(routes ?? {}).flatMap(([kind, target]) => {
    const name = routeProvider(target as RouteTarget);
    if (names.includes(name)) return [];
    const field = `providers.routes.${kind}${typeof target === 'string' ? '' : '.provider'}`;
    return [{
      code: 'route-unknown-provider', severity: 'error' as const, file, field,
      problem: `${field} is "${name}", but no provider has that name`,
      fix: names.length ? `Use one of ${names.map((n) => `"${n}"`).join(', ')}, or add a provider "${name}" under providers.` : `Add a provider "${name}" under providers (api, baseUrl, model, apiKeyEnv).`,
    }];
  });
}
