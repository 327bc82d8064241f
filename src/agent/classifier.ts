/**
 * The Classifier stage: what a line of input is. `/name` is a command, or a
 * skill when it names a skill's command; anything else is chat. Chat that
 * names a loaded skill (as a whole word, or `$name`) activates it, and a
 * turn needs tools when any tool is ready to run or awaits approval (the
 * model then decides).
 */
import type { PipelineStage } from '../plugin/contract/pipeline.js';
import type { RegistrySnapshot } from '../registry/index.js';
import { slashName } from '../plugin/naming/index.js';
import { findTool } from '../registry/index.js';
import { modelInvocable } from './activate.js';

export interface Classified {
  kind: 'command' | 'skill' | 'chat';
  needsTools: boolean;
  activatedSkill?: string;
  /** For commands and skills: the normalised command name. */
  command?: string;
}

export function classify(text: string, snapshot: RegistrySnapshot): Classified {
  // Anything the model could call: a skill to activate, or a tool that runs (or would, once approved).
  const needsTools = snapshot.tools.some((t) => t.state === 'ready' || (t.state === 'needs-approval' && t.kind !== 'instruction'));
  const trimmed = text.trim();
  // `/name …` (not `//…`): the registry's slash names say whether it is a skill's command.
  if (trimmed.startsWith('/') && !trimmed.startsWith('//') && trimmed.length > 1) {
    const command = slashName(trimmed.slice(1).split(/\s/, 1)[0]!);
    const id = snapshot.slash.get(command);
    const skill = id && findTool(snapshot, id)?.origin === 'skill' ? id : undefined;
    return skill ? { kind: 'skill', needsTools, activatedSkill: skill, command } : { kind: 'command', needsTools, command };
  }
  const words = trimmed.replace(/^\/\//, '/').toLowerCase();
  const named = [...snapshot.skills.active.values()]
    .filter(modelInvocable)
    .map((e) => e.skill.name)
    .filter((name) => new RegExp(`(^|[^\\w-])\\$?${name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(words))
    .sort((a, b) => b.length - a.length); // the most specific name wins
  return { kind: 'chat', needsTools, ...(named[0] ? { activatedSkill: named[0] } : {}) };
}

/** The stage over a live registry: each turn is classified against the current snapshot. */
export function classifierStage(registry: { current(): RegistrySnapshot }): PipelineStage<string, Classified> {
  return { name: 'classifier', run: async (text) => classify(text, registry.current()) };
}
