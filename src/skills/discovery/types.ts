import type { Diagnostic } from '../../plugin/diagnostic.js';
import type { SkillLevel } from '../../plugin/contract/skill.js';
import type { ParsedSkill } from '../types.js';

/** A SKILL.md read from a root, with where it sits and whether it can run here. */
export interface IndexedSkill {
  skill: ParsedSkill;
  level: SkillLevel;
  /** The root it was found under (as configured, not resolved). */
  root: string;
  plugin?: string;
  eligible: boolean;
  ineligibleReasons: string[];
}

/** A lower-level skill hidden by a higher one of the same name. */
export interface Shadowing {
  name: string;
  winner: { file: string; level: SkillLevel };
  shadowed: { file: string; level: SkillLevel };
}

/** Two or more skills of one name at one level: none of them serves the name. */
export interface SkillCollision {
  name: string;
  level: SkillLevel;
  files: string[];
  diagnostic: Diagnostic;
}

/** A skill of an untrusted workspace: listed, never read. */
export interface UntrustedSkill {
  file: string;
  root: string;
  /** The workspace to trust (`weft trust <workspace>`). */
  workspace: string;
  /** Its folder's name: never parsed, the skill is known by that. */
  folder: string;
  reason: string;
}

export interface SkillIndex {
  /** Every SKILL.md read, loaded or not, in precedence then path order. */
  skills: IndexedSkill[];
  /** Name → the skill serving it (loaded, and not in a collision). */
  active: Map<string, IndexedSkill>;
  shadowed: Shadowing[];
  collisions: SkillCollision[];
  untrusted: UntrustedSkill[];
  /** Problems of roots rather than skills (path escapes). */
  diagnostics: Diagnostic[];
}
