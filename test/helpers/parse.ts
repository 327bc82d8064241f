/** Small helpers shared by the SKILL.md parser tests. */
import { parseSkillText } from '../../src/skills/parse/index.js';
import type { ParsedSkill } from '../../src/skills/types.js';

export const ROOT = '/tmp/weft-parse-test';

export function parse(text: string, dir = 'my-skill'): ParsedSkill {
  return parseSkillText(text, `${ROOT}/${dir}/SKILL.md`);
}

/** `---\n<lines>\n---\n<body>` */
export function fm(lines: string, body = '# Body\n'): string {
  return `---\n${lines}\n---\n${body}`;
}

export function codes(skill: ParsedSkill): string[] {
  return skill.diagnostics.map((d) => d.code);
}

/** Error and warning codes only, sorted. */
export function problems(skill: ParsedSkill): string[] {
  return skill.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code).sort();
}

export function find(skill: ParsedSkill, code: string) {
  const d = skill.diagnostics.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} diagnostic; got ${codes(skill).join(', ') || 'none'}`);
  return d;
}
