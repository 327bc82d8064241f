import type { Diagnostic } from '../diagnostic.js';
import type { Tool } from './tool.js';

/** Where a skill was found, highest precedence first. */
export type SkillLevel = 'workspace' | 'managed' | 'extra' | 'plugin' | 'bundled';

/** A loaded SKILL.md: instructions, and a tool when it declares one. */
export interface Skill {
  name: string;
  description: string;
  /** Folder holding SKILL.md (its real path). */
  dir: string;
  file: string;
  level: SkillLevel;
  /** The body of SKILL.md, the instructions the model reads. */
  instructions: string;
  userInvocable: boolean;
  disableModelInvocation: boolean;
  argumentHint?: string;
  /** Requirements unmet on this machine; empty means eligible. */
  ineligibleReasons: string[];
  diagnostics: Diagnostic[];
  /** Instruction-only skills also expose a tool (returns the instructions). */
  tool: Tool;
}
