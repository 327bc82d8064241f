import path from 'node:path';
import { trustCommand } from '../../config/trust.js';
import type { Diagnostic } from '../../plugin/diagnostic.js';
import { BinLookup, ineligibleReasons, type EligibilityEnv } from '../eligibility.js';
import { parseSkillFileSync } from '../parse/index.js';
import type { ParsedSkill } from '../types.js';
import { markDuplicates } from './duplicates.js';
import { resolvePrecedence } from './precedence.js';
import type { SkillRoot } from './roots.js';
import type { IndexedSkill, SkillIndex, UntrustedSkill } from './types.js';
import { walkRoot } from './walk.js';

/** Parses every SKILL.md of one root, flagging same-root duplicates (sync: see walkRoot). */
export function readRoot(dir: string): { skills: ParsedSkill[]; diagnostics: Diagnostic[] } {
  const walked = walkRoot(dir);
  const parsed = walked.found.map((f) => parseSkillFileSync(f.file));
  return { skills: markDuplicates(parsed), diagnostics: walked.diagnostics };
}

export function untrustedReason(root: SkillRoot): string {
  return `the workspace is not trusted; run \`${trustCommand(root.workspace ?? root.dir)}\` to load ${root.dir}`;
}

/** Reads every root and resolves precedence into one index. */
export async function discoverSkills(roots: SkillRoot[], env: EligibilityEnv = {}): Promise<SkillIndex> {
  const bins = new BinLookup(env.path ?? process.env.PATH ?? '');
  const perRoot = await Promise.all(roots.map(async (root) => {
    if (!root.trusted) {
      const walked = walkRoot(root.dir);
      const untrusted: UntrustedSkill[] = walked.found.map((f) => ({ file: f.file, root: root.dir, workspace: root.workspace ?? root.dir, folder: path.basename(path.dirname(f.file)), reason: untrustedReason(root) }));
      return { root, skills: [] as ParsedSkill[], diagnostics: [] as Diagnostic[], untrusted };
    }
    return { root, ...readRoot(root.dir), untrusted: [] as UntrustedSkill[] };
  }));
  const skills: IndexedSkill[] = perRoot.flatMap(({ root, skills: parsed }) => parsed.map((skill) => {
    const reasons = skill.loaded ? ineligibleReasons(skill, { ...env, bins }) : [];
    return {
      skill, level: root.level, root: root.dir, ...(root.plugin ? { plugin: root.plugin } : {}),
      eligible: skill.loaded && reasons.length === 0, ineligibleReasons: reasons,
    };
  }));
  return {
    skills,
    ...resolvePrecedence(skills),
    untrusted: perRoot.flatMap((r) => r.untrusted),
    diagnostics: perRoot.flatMap((r) => r.diagnostics),
  };
}
