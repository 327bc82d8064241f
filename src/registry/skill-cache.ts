/**
 * The SKILL.md parse cache. A reload walks every root (cheap: a few
 * readdirs) but parses only files whose signature changed or that the
 * watcher named; `parsed` counts real parses so tests can see it.
 *
 * A broken edit keeps the last good version: when a file that loaded before
 * no longer loads (its description removed, bad metadata), the previous
 * parse stays live and the new errors are reported beside a `kept-last-good`
 * warning, until the file is fixed or deleted.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../plugin/diagnostic.js';
import { parseSkillFileSync } from '../skills/parse/index.js';
import type { ParsedSkill } from '../skills/types.js';
import { fileSignature, within } from './signature.js';

interface Entry {
  sig: string | undefined;
  skill: ParsedSkill;
  version: string;
  /** Errors of a broken edit while `skill` is the last good version. */
  broken?: Diagnostic[];
}

export interface CachedSkill {
  skill: ParsedSkill;
  version: string;
  broken?: Diagnostic[];
}

/** What a skill's code and schema are: changes when anything a caller sees changes. */
export function skillVersion(skill: ParsedSkill): string {
  const { name, description, body, frontmatter, weftTool } = skill;
  const text = JSON.stringify({ name, description, body, frontmatter, weftTool });
  return `skill:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

function keptDiagnostic(file: string, errors: Diagnostic[]): Diagnostic {
  return {
    code: 'kept-last-good', severity: 'warning', file,
    problem: `this edit does not load (${errors[0]?.problem ?? 'it has errors'}); the previous version stays live until it is fixed`,
    fix: 'Fix the errors reported for this file; the new version loads as soon as it is saved.',
  };
}

export class SkillCache {
  /** SKILL.md files actually parsed, since the cache was made. */
  parsed = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly dirty = new Set<string>();

  /** Forces a re-parse of files at or under these paths (the watcher's paths). */
  invalidate(paths: Iterable<string>): void {
    for (const p of paths) this.dirty.add(p);
  }

  read(file: string): CachedSkill {
    const sig = fileSignature(file);
    const old = this.entries.get(file);
    const forced = [...this.dirty].some((d) => within(file, d));
    if (old && sig !== undefined && old.sig === sig && !forced) return old;
    this.parsed += 1;
    const skill = parseSkillFileSync(file);
    let entry: Entry = { sig, skill, version: skillVersion(skill) };
    const lastGood = old?.broken ? old.skill : old?.skill.loaded ? old.skill : undefined;
    if (!skill.loaded && lastGood && sig !== undefined) {
      const errors = skill.diagnostics.filter((d) => d.severity === 'error');
      entry = { sig, skill: lastGood, version: old!.version, broken: [...errors, keptDiagnostic(file, errors)] };
    }
    this.entries.set(file, entry);
    return entry;
  }

  /** Forgets files no root holds any more (a deleted skill does not come back as last-good). */
  finish(seen: ReadonlySet<string>): void {
    for (const file of this.entries.keys()) if (!seen.has(file)) this.entries.delete(file);
    this.dirty.clear();
  }
}
