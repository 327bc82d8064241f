/**
 * The agent's built-in `activate_skill {name, arguments}` tool: it returns
 * the skill's instructions with the arguments substituted, so the model
 * reads a skill only when it has chosen it (the catalog lists only names,
 * descriptions and locations). Skills with model invocation disabled, and
 * skills not loaded or not eligible, cannot be activated; the error says
 * which skills can.
 */
import type { JsonSchema } from '../plugin/json-schema.js';
import type { ToolResult } from '../plugin/contract/tool.js';
import type { RegistrySnapshot } from '../registry/index.js';
import type { IndexedSkill } from '../skills/discovery/types.js';
import { substitute } from '../skills/substitute.js';

export const ACTIVATE_SKILL = 'activate_skill';

/** The tool as the model sees it; `name` is limited to the skills it may activate. */
export function activateSkillTool(snapshot: RegistrySnapshot): { name: string; description: string; inputSchema: JsonSchema } {
  const names = activatable(snapshot);
  return {
    name: ACTIVATE_SKILL,
    description: 'Load a skill from <available_skills>: returns its instructions, with `arguments` put in their place. Follow them.',
    inputSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'The skill, as named in <available_skills>.', ...(names.length ? { enum: names } : {}) },
        arguments: { type: 'string', description: 'What the skill should work on, in plain words (may be empty).' },
      },
      required: ['name'],
      additionalProperties: false,
    },
  };
}

/** A skill the model may see and activate: eligible here, model invocation not disabled. */
export function modelInvocable(entry: IndexedSkill): boolean {
  return entry.eligible && !entry.skill.disableModelInvocation;
}

/** The skills the model may activate, by name. */
export function activatable(snapshot: RegistrySnapshot): string[] {
  return [...snapshot.skills.active.values()].filter(modelInvocable).map((e) => e.skill.name).sort();
}

/** A skill's instructions with the arguments put in their place. */
export function skillInstructions(entry: IndexedSkill, args: string): string {
  return substitute(entry.skill.body, { arguments: args, baseDir: entry.skill.dir }).trim();
}

export function activateSkill(snapshot: RegistrySnapshot, args: { name?: unknown; arguments?: unknown }): ToolResult {
  const name = typeof args.name === 'string' ? args.name : '';
  const entry = snapshot.skills.active.get(name);
  if (!entry || !modelInvocable(entry)) {
    const why = !entry ? 'no loaded skill has that name' : !entry.eligible ? `it cannot run here (${entry.ineligibleReasons.join('; ')})` : 'it is for people to invoke, not the model';
    return { ok: false, kind: 'invalid-arguments', error: `cannot activate "${name}": ${why}. Skills you can activate: ${activatable(snapshot).join(', ') || 'none'}.` };
  }
  return { ok: true, content: skillInstructions(entry, typeof args.arguments === 'string' ? args.arguments : '') };
}
