/**
 * Top-level keys that neither OpenClaw nor Claude Code reads get
 * `unknown-key` (info). The lists follow the corpus notes (expected.json:
 * "(OpenClaw)", "(Claude Code)", "(unknown to OpenClaw/Claude Code)") and
 * the documented fields of each; `version` is added because weft reads it.
 */
import type { FieldReader } from './fields.js';
import type { SkillReport } from './report.js';

export const AGENT_SKILLS_KEYS = ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools'] as const;
export const OPENCLAW_KEYS = ['homepage', 'user-invocable', 'disable-model-invocation', 'command-dispatch', 'command-tool', 'command-arg-mode'] as const;
export const CLAUDE_CODE_KEYS = [
  'argument-hint', 'model', 'when_to_use', 'arguments', 'disable-model-invocation', 'user-invocable',
  'allowed-tools', 'effort', 'context', 'agent', 'hooks', 'paths', 'shell',
] as const;
export const WEFT_KEYS = ['version'] as const;

const KNOWN: ReadonlySet<string> = new Set<string>([...AGENT_SKILLS_KEYS, ...OPENCLAW_KEYS, ...CLAUDE_CODE_KEYS, ...WEFT_KEYS]);

export function isKnownKey(key: string): boolean {
  return KNOWN.has(key);
}

export function reportUnknownKeys(keys: readonly string[], fields: FieldReader, report: SkillReport): void {
  for (const key of keys) {
    if (KNOWN.has(key)) continue;
    const fix = key.startsWith('metadata.')
      ? `Nest it: metadata: {${JSON.stringify(key.slice('metadata.'.length))}: …}; a dotted key is not a path.`
      : `Move it under metadata (e.g. metadata: {"${key}": …}) or remove it; nothing reads it at the top level.`;
    report.add('unknown-key', `"${key}" is not a key that the Agent Skills spec, OpenClaw, Claude Code or weft reads; it is ignored.`, fix, fields.where(key));
  }
}
