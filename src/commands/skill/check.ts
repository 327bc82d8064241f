import { stat } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../../plugin/diagnostic.js';
import { UsageError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import type { SkillCheckJson } from '../../plugin/output.js';
import { readRoot } from '../../skills/discovery/discover.js';
import { BinLookup, ineligibleReasons } from '../../skills/eligibility.js';
import { parseSkillFile } from '../../skills/parse/index.js';
import type { ParsedSkill } from '../../skills/types.js';
import type { CommandInput } from '../command.js';
import { emit } from '../report.js';
import { parsedJson } from './json.js';
import { skillContext } from './load.js';

async function readTarget(target: string): Promise<{ skills: ParsedSkill[]; diagnostics: Diagnostic[] }> {
  const info = await stat(target).catch(() => undefined);
  if (!info) {
    return { skills: [], diagnostics: [{ code: 'path-missing', severity: 'error', file: target,
      problem: 'no such file or folder', fix: 'Check the path.' }] };
  }
  return info.isFile() ? { skills: [await parseSkillFile(target)], diagnostics: [] } : readRoot(target);
}

/** `weft skill check <path>...`: each path a root, nothing installed. */
export async function checkSkills(input: CommandInput): Promise<number> {
  const targets = input.args.slice(1).map((a) => path.resolve(input.paths.cwd, a));
  if (targets.length === 0) throw new UsageError('weft skill check needs at least one path', 'Usage: weft skill check <path>... [--strict]');
  await skillContext(input); // start-up recovery runs before every skill command
  const bins = new BinLookup(process.env.PATH ?? '');
  const results = await Promise.all(targets.map(readTarget));
  const skills = results.flatMap((r) => r.skills.map((s) => {
    const reasons = s.loaded ? ineligibleReasons(s, { bins }) : [];
    return parsedJson(s, s.loaded && reasons.length === 0, reasons);
  }));
  const diagnostics = results.flatMap((r) => r.diagnostics);
  const all = [...diagnostics, ...skills.flatMap((s) => s.diagnostics)];
  const failing = all.filter((d) => d.severity === 'error' || (input.flags.strict && d.severity === 'warning'));
  const data: SkillCheckJson = { valid: failing.length === 0, skills, diagnostics };
  emit(input, data, (d) => {
    const lines = all.filter((x) => x.severity !== 'info').map(formatDiagnostic);
    const loaded = d.skills.filter((s) => s.loaded).length;
    lines.push(`${d.skills.length} SKILL.md read, ${loaded} loaded, ${d.skills.length - loaded} not loaded; ${failing.length} problem(s)${input.flags.strict ? ' (strict)' : ''}`);
    return lines.join('\n');
  });
  return failing.length === 0 ? ExitCode.ok : ExitCode.error;
}
