import { ExitCode } from '../plugin/exit-codes.js';
import type { CommandResult, SlashContext } from './types.js';

export const NO_MODEL_FIX = 'Add a model provider to $CLAWFT_HOME/config.json, e.g. "providers": {"openai": {"api": "openai", '
  + '"baseUrl": "https://api.openai.com/v1", "model": "gpt-4.1-mini", "apiKeyEnv": "OPENAI_API_KEY"}}, with the key in that variable.';

/** Until the agent lands: say plainly why nothing answers, and what to do. */
export function noAgent(ctx: Pick<SlashContext, 'registry'>, what: string): CommandResult {
  const providers = Object.keys(ctx.registry.current().config.providers);
  if (providers.length > 0) {
    return { kind: 'error', message: `${what}: a model provider is configured (${providers.join(', ')}), but this version of weft has no agent yet`, fix: 'Slash commands work now; see /help.', exitCode: ExitCode.provider };
  }
  return { kind: 'error', message: `no model is configured, so ${what}`, fix: NO_MODEL_FIX, exitCode: ExitCode.provider };
}

