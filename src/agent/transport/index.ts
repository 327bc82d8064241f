/** The transports by wire format: what a provider's `api` in config selects. */
import { anthropicMessages } from './anthropic.js';
import { openaiChat } from './openai.js';
import type { ProviderEndpoint, TransportEvent, TransportRequest } from './types.js';

export type ProviderApi = 'openai' | 'anthropic';

export type Transport = (endpoint: ProviderEndpoint, req: TransportRequest) => AsyncGenerator<TransportEvent>;

const TRANSPORTS: Record<ProviderApi, Transport> = {
  // wrapped so a caller's extra arguments never reach the retry policy and sleep parameters
  openai: (endpoint, req) => openaiChat(endpoint, req),
  anthropic: (endpoint, req) => anthropicMessages(endpoint, req),
};

export function transportFor(api: ProviderApi): Transport {
  const transport = TRANSPORTS[api] as Transport | undefined; // config is read at run time: guard the type's promise
  if (!transport) throw new Error(`unknown provider api "${String(api)}" (expected ${Object.keys(TRANSPORTS).join(' or ')})`);
  return transport;
}

export { anthropicMessages } from './anthropic.js';
export { openaiChat } from './openai.js';
export { ProviderError, type ModelTool, type ProviderEndpoint, type TransportEvent, type TransportRequest } from './types.js';
