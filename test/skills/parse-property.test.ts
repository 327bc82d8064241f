import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { hasErrors } from '../../src/plugin/diagnostic.js';
import { SKILL_CODES, parseSkillBytes, parseSkillText } from '../../src/skills/parse/index.js';
import { fastYaml } from '../../src/skills/parse/fast-yaml.js';
import type { ParsedSkill } from '../../src/skills/types.js';

const FILE = '/tmp/weft-prop/some-skill/SKILL.md';

/** A skill (loaded) or at least one error; every code documented, with its one severity. */
function assertHonest(skill: ParsedSkill): void {
  expect(skill.loaded).toBe(!hasErrors(skill.diagnostics));
  if (skill.loaded) expect(skill.description?.trim()).toBeTruthy();
  for (const d of skill.diagnostics) {
    expect(SKILL_CODES[d.code as keyof typeof SKILL_CODES], `${d.code} documented`).toBe(d.severity);
    expect(d.fix).not.toBe('');
    expect(d.file).toBe(FILE);
  }
}

const FRAGMENTS = [
  '---', '\n', '\r\n', '\r', '\ufeff', ' ', '  ', '\t', 'name', 'description', 'metadata', 'version', 'user-invocable', 'allowed-tools',
  'argument-hint', ':', ': ', '"', "'", '#', ' #', '{', '}', '[', ']', ',', '|', '|-', '>', '- ', '&a', '*a', '!tag', '%', '@', '`',
  '\\', '\\"', 'x', 'é', '🦀', '\u0085', '\u2028', 'true', 'null', '1.0', '~', '__proto__', '{"openclaw":', '{"clawdbot":',
  '{"weft":{"tool":', '"requires":{"bins":["gh"]}', '"run":["git","{x}"]', '"input":{"type":"object"}', '"plugin":"a.b","name":"t"',
  '!`ls`', '$ARGUMENTS', '{baseDir}', '...', '<<<<<<<',
];
const frontmatterish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));

describe('parse never throws and is always honest', () => {
  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => assertHonest(parseSkillText(text, FILE))), { numRuns: 200 });
  });

  it('arbitrary strings after a frontmatter fence', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), fc.boolean(), (text, close) => {
      assertHonest(parseSkillText(`---\n${text}${close ? '\n---\n' : ''}`, FILE));
    }), { numRuns: 500 });
  });

  it('arbitrary bytes read as UTF-8', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => assertHonest(parseSkillBytes(bytes, FILE))), { numRuns: 500 });
  });

  it('arbitrary frontmatter-ish text', () => {
    fc.assert(fc.property(frontmatterish, fc.constantFrom('', '---\n', '\ufeff---\r\n'), (text, prefix) => {
      assertHonest(parseSkillText(prefix + text, FILE));
    }), { numRuns: 1500 });
  });
});

/** Text with the characters that trip YAML readers: ": ", "#", quotes, unicode, leading indicators. */
const TRICKY = ['a', 'Z', '0', '9', ' ', ': ', ':', '#', ' #', '"', "'", '\\', '-', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`',
  'é', 'ß', '中', '🦀', '\u00a0', 'true', 'null', '1.5', '~', '\n'];
const trimmedText = fc.array(fc.constantFrom(...TRICKY), { minLength: 1, maxLength: 25 }).map((p) => p.join('').trim()).filter((s) => s !== '');

function serialize(name: string, description: string, style: 'yaml' | 'json'): string {
  if (style === 'yaml') return stringify({ name, description });
  return `name: ${JSON.stringify(name)}\ndescription: ${JSON.stringify(description)}\n`;
}

describe('well-formed frontmatter round-trips', () => {
  it('name and description come back exactly, with LF or CRLF, with or without a BOM', () => {
    fc.assert(fc.property(trimmedText, trimmedText, fc.constantFrom('yaml', 'json'), fc.boolean(), fc.boolean(), (name, description, style, crlf, bom) => {
      let text = `---\n${serialize(name, description, style as 'yaml' | 'json')}---\n# Body\n`;
      if (crlf) text = text.replace(/\n/g, '\r\n');
      if (bom) text = '\ufeff' + text;
      const skill = parseSkillText(text, FILE);
      expect(skill.name).toBe(name);
      expect(skill.description).toBe(description);
      expect(skill.loaded).toBe(true);
      expect(skill.diagnostics.filter((d) => d.code === 'yaml-fallback')).toEqual([]);
    }), { numRuns: 1000 });
  });
});

const KEYS = ['name', 'description', 'version', 'metadata', 'tags', 'true', 'a_b', 'x-y', '__proto__', 'k'];
const SCALARS = ['plain text', 'Use when: x', 'a #b', 'a#b', 'x:', ':x', '- x', '"dq"', '"d: q # x"', "'sq'", "'it''s'", "'a' # c", '"a\\"b"', 'true', 'False', 'null', '~', '',
  '1', '-2', '+3', '1.0', '.5', '1e3', '0x1F', '0o17', '.inf', '.NaN', '1.0.0', 'v1', '{"a":1}', '{"a":1,}', '{"a":[1,2,],}', '[1,,2]', '{,}', '[,]',
  '{"a":1,"a":2}', '{"a":{"b":"c"},"d":"\\u00e9"}', '{"a":"b" }', '{"a":1} # c', '["x", "y"]', '[x, y]', '{a: 1}', 'é 🦀', 'a\tb', 'x\u00a0', '\u00a0x', 'x\u3000', '"q" ', 'x  ', '|', '>-', '&anchor x', '*alias', '!!str x'];
const NESTED = ['\n  {"openclaw": {"os": ["linux",],},}', '\n  {\n    "a": 1,\n  }', '\n  - one\n  - "two"\n  - 3', '\n  - a\n    - b', '\n  - a: b',
  '\n  k: v', '\n  text', '\n', '\n\n', '\n  # comment', '\n- x'];
const line = fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom(...SCALARS).map((v) => ` ${v}`), fc.constantFrom(...NESTED))).map(([k, v]) => `${k}:${v}`);
const block = fc.array(fc.oneof(line, fc.constantFrom('', '# comment', '  indented', '- item', 'bare')), { maxLength: 6 }).map((ls) => ls.join('\n'));

describe('the YAML fast path agrees with the yaml package', () => {
  it('whenever it answers, yaml parses the block without errors to the same value', () => {
    let answered = 0;
    fc.assert(fc.property(block, (text) => {
      const fast = fastYaml(text);
      if (fast === undefined) return;
      answered++;
      const doc = parseDocument(text, { schema: 'core' });
      expect(doc.errors.map((e) => e.message)).toEqual([]);
      expect(isDeepStrictEqual(fast, doc.toJS() ?? {}), `${JSON.stringify(text)}: fast ${JSON.stringify(fast)} vs yaml ${JSON.stringify(doc.toJS())}`).toBe(true);
    }), { numRuns: 3000 });
    // The generator must reach the fast path often enough for this to mean something.
    expect(answered).toBeGreaterThan(300);
  });
});
