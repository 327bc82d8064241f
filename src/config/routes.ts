/**
 * `providers.routes` must name providers that exist: a typo would otherwise
 * surface only when the first message is sent, far from the file.
 */
import type { Diagnostic } from '../plugin/diagnostic.js';
import type { ConfigFileContent, RouteTarget } from './types.js';

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
