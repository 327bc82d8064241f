import path from 'node:path';
/**
 * Discovery through the parse cache: the same result as
 * skills/discovery/discoverSkills (walk, same-root duplicates, eligibility,
 * precedence, untrusted roots listed and never read), but a SKILL.md is
 * parsed only when it changed. discoverSkills itself has no cache hook, so
 * its few steps are composed here from the same exported parts.
 */
import type { Diagnostic } from '../plugin/diagnostic.js';
import { markDuplicates } from '../skills/discovery/duplicates.js';
import { resolvePrecedence } from '../skills/discovery/precedence.js';
import type { SkillRoot } from '../skills/discovery/roots.js';
import type { IndexedSkill, SkillIndex, UntrustedSkill } from '../skills/discovery/types.js';
import { walkRoot } from '../skills/discovery/walk.js';
import { untrustedReason } from '../skills/discovery/discover.js';
import { BinLookup, ineligibleReasons, type EligibilityEnv } from '../skills/eligibility.js';
import type { SkillCache } from './skill-cache.js';

export interface CachedDiscovery {
  index: SkillIndex;
  /** SKILL.md path → version (see skillVersion). */
  versions: Map<string, string>;
  /** Broken edits whose last good version stays live. */
  broken: Diagnostic[];
}

export function discoverCached(roots: readonly SkillRoot[], cache: SkillCache, env: EligibilityEnv = {}): CachedDiscovery {
  const bins = new BinLookup(env.path ?? process.env.PATH ?? '');
  const seen = new Set<string>();
  const versions = new Map<string, string>();
  const broken: Diagnostic[] = [];
  const skills: IndexedSkill[] = [];
  const untrusted: UntrustedSkill[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const root of roots) {
    const walked = walkRoot(root.dir);
    if (!root.trusted) {
      const reason = untrustedReason(root);
      untrusted.push(...walked.found.map((f) => ({ file: f.file, root: root.dir, workspace: root.workspace ?? root.dir, folder: path.basename(path.dirname(f.file)), reason })));
      continue;
    }
    diagnostics.push(...walked.diagnostics);
    const parsed = walked.found.map((f) => {
      seen.add(f.file);
      const cached = cache.read(f.file);
      versions.set(f.file, cached.version);
      if (cached.broken) broken.push(...cached.broken);
      return cached.skill;
    });
    for (const skill of markDuplicates(parsed)) {
      const reasons = skill.loaded ? ineligibleReasons(skill, { ...env, bins }) : [];
      skills.push({
        skill, level: root.level, root: root.dir, ...(root.plugin ? { plugin: root.plugin } : {}),
        eligible: skill.loaded && reasons.length === 0, ineligibleReasons: reasons,
      });
    }
  }
  cache.finish(seen);
  return { index: { skills, ...resolvePrecedence(skills), untrusted, diagnostics }, versions, broken };
}
