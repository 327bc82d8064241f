/**
 * The user message of a turn. A skill's /command sends the skill's
 * instructions (arguments substituted) with the request, as if the model
 * had activated it; chat that names a skill carries a one-line hint, so
 * the model decides whether to activate it (mentioning a word is not a
 * request to run a skill).
 */
import type { RegistrySnapshot } from '../registry/index.js';
import { skillInstructions } from './activate.js';
import type { Classified } from './classifier.js';

export function skillRequest(snapshot: RegistrySnapshot, text: string, classified: Pick<Classified, 'kind' | 'activatedSkill'>): string {
  const name = classified.activatedSkill;
  if (!name) return text;
  if (classified.kind === 'skill') {
    // The person asked for it: a skill with model invocation disabled runs too.
    const entry = snapshot.skills.active.get(name);
    const body = entry ? skillInstructions(entry, text) : '(the skill is no longer loaded)';
    return [`Run the skill "${name}"${text ? ` with: ${text}` : '.'}`, '', `<skill name="${name}">`, body, '</skill>'].join('\n');
  }
  return `${text}\n\n(The skill "${name}" may apply: activate_skill loads its instructions.)`;
}
