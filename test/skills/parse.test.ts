import { describe, expect, it } from 'vitest';
import { ROOT, parse, fm, codes, problems, find } from '../helpers/parse.js';

describe('parseSkillText: the basics', () => {
  it('reads a well-formed skill with no diagnostics', () => {
    const s = parse(fm('name: my-skill\ndescription: Does things. Use when asked.', '# Title\nText\n'));
    expect(s).toMatchObject({
      name: 'my-skill', description: 'Does things. Use when asked.', loaded: true, body: '# Title\nText\n', bodyLine: 5,
      file: `${ROOT}/my-skill/SKILL.md`, dir: `${ROOT}/my-skill`, userInvocable: true, disableModelInvocation: false, allowedTools: [],
    });
    expect(s.diagnostics).toEqual([]);
  });

  it('handles CRLF line endings', () => {
    const s = parse('---\r\nname: my-skill\r\ndescription: "Quoted: yes"\r\n---\r\nline one\r\nline two\r\n');
    expect([s.name, s.description, s.loaded, s.body]).toEqual(['my-skill', 'Quoted: yes', true, 'line one\nline two\n']);
    expect(s.diagnostics).toEqual([]);
  });

  it('handles a leading BOM, with and without CRLF', () => {
    for (const text of ['\ufeff---\nname: my-skill\ndescription: d\n---\n', '\ufeff---\r\nname: my-skill\r\ndescription: d\r\n---\r\n']) {
      const s = parse(text);
      expect([s.name, s.description, s.loaded]).toEqual(['my-skill', 'd', true]);
      expect(s.diagnostics).toEqual([]);
    }
  });

  it('reads block scalars, keeping inner newlines and trimming the ends', () => {
    expect(parse(fm('name: my-skill\ndescription: |\n  First line.\n  Second line.\n')).description).toBe('First line.\nSecond line.');
    expect(parse(fm('name: my-skill\ndescription: |-\n  One.\n\n  Two.')).description).toBe('One.\n\nTwo.');
    expect(parse(fm('name: my-skill\ndescription: >\n  Folded\n  text.\n')).description).toBe('Folded text.');
  });

  it('reads quoted descriptions with ": ", "#", escapes and quotes', () => {
    expect(parse(fm('name: my-skill\ndescription: "Use when: a # b \\"c\\""')).description).toBe('Use when: a # b "c"');
    expect(parse(fm("name: my-skill\ndescription: 'It''s: fine # ok'")).description).toBe("It's: fine # ok");
    expect(parse(fm('name: my-skill\ndescription: "  padded  "')).description).toBe('padded');
  });

  it('keeps the written text of numbers and of YAML lists where text is meant', () => {
    const s = parse(fm('name: my-skill\ndescription: d\nversion: 1.0\nargument-hint: [file] [mode]'));
    expect(s.version).toBe('1.0');
    expect(parse(fm('name: my-skill\ndescription: d\nargument-hint: [file]')).argumentHint).toBe('[file]');
    expect(parse(fm('name: my-skill\ndescription: d\nversion: "2.1.0"')).version).toBe('2.1.0');
  });

  it('reads user-invocable, disable-model-invocation, allowed-tools and command-dispatch', () => {
    const s = parse(fm([
      'name: my-skill', 'description: d', 'user-invocable: false', 'disable-model-invocation: true',
      'allowed-tools: Bash(git add:*) Read, Grep', 'command-dispatch: tool', 'command-tool: tasker_cmd', 'command-arg-mode: raw',
    ].join('\n')));
    expect(s).toMatchObject({ userInvocable: false, disableModelInvocation: true, allowedTools: ['Bash(git add:*)', 'Read', 'Grep'], commandTool: 'tasker_cmd' });
    expect(s.diagnostics).toEqual([]);
    expect(parse(fm('name: my-skill\ndescription: d\nallowed-tools:\n  - Read\n  - Bash(git:*)')).allowedTools).toEqual(['Read', 'Bash(git:*)']);
  });

  it('reports a malformed boolean as field-invalid and keeps the default', () => {
    const s = parse(fm('name: my-skill\ndescription: d\nuser-invocable: sometimes'));
    expect(s.userInvocable).toBe(true);
    expect(find(s, 'field-invalid')).toMatchObject({ severity: 'warning', field: 'user-invocable', line: 4 });
    expect(s.loaded).toBe(true);
  });

  it('reports command-dispatch without command-tool', () => {
    const s = parse(fm('name: my-skill\ndescription: d\ncommand-dispatch: tool'));
    expect(find(s, 'field-invalid').field).toBe('command-tool');
    expect(s.commandTool).toBeUndefined();
  });
});

describe('parseSkillText: the spec codes', () => {
  it('yaml-fallback: an unquoted "Use when: x" still loads, read line by line', () => {
    const s = parse(fm('name: my-skill\ndescription: Use when: x\nuser-invocable: false\nallowed-tools: ["exec"]'));
    expect([s.description, s.loaded, s.userInvocable, s.allowedTools]).toEqual(['Use when: x', true, false, ['exec']]);
    expect(problems(s)).toEqual(['yaml-fallback']);
    expect(find(s, 'yaml-fallback')).toMatchObject({ severity: 'warning', line: 3 });
  });

  it('yaml-fallback: a block that is not a mapping', () => {
    const s = parse(fm('just some text'));
    expect(problems(s)).toEqual(['no-description', 'yaml-fallback']);
  });

  it('no-frontmatter: not loaded, named after the folder, no no-description on top', () => {
    const s = parse('# Just markdown\n\nname: x\n');
    expect([s.name, s.loaded, s.description]).toEqual(['my-skill', false, undefined]);
    expect(problems(s)).toEqual(['no-frontmatter']);
    expect(find(s, 'no-frontmatter')).toMatchObject({ severity: 'error', line: 1 });
    expect(problems(parse(''))).toEqual(['no-frontmatter']);
    expect(problems(parse('\ufeff# BOM then markdown\n'))).toEqual(['no-frontmatter']);
  });

  it('frontmatter-unclosed: not loaded', () => {
    const s = parse('---\nname: other\ndescription: d\n\n# Body\n');
    expect([s.name, s.loaded]).toEqual(['my-skill', false]);
    expect(problems(s)).toEqual(['frontmatter-unclosed']);
  });

  it('no-description: missing, empty or blank', () => {
    for (const lines of ['name: my-skill', 'name: my-skill\ndescription: ""', 'name: my-skill\ndescription:', 'name: my-skill\ndescription: "   "']) {
      const s = parse(fm(lines));
      expect(s.loaded, lines).toBe(false);
      expect(problems(s), lines).toEqual(['no-description']);
    }
    expect(find(parse(fm('name: my-skill')), 'no-description').severity).toBe('error');
  });

  it('name-defaulted (info): the folder name is used', () => {
    const s = parse(fm('description: d'), 'from-folder');
    expect([s.name, s.loaded]).toEqual(['from-folder', true]);
    expect(find(s, 'name-defaulted').severity).toBe('info');
    expect(problems(s)).toEqual([]);
  });

  it('name-rule: uppercase, underscore, dots, spaces, hyphens, length', () => {
    for (const name of ['My-Skill', 'my_skill', 'voice.ai', 'two words', '-lead', 'trail-', 'dou--ble', 'a'.repeat(65)]) {
      const s = parse(fm(`name: ${name}\ndescription: d`), name.replace(/[^a-z-]/gi, 'x'));
      expect(codes(s), name).toContain('name-rule');
      expect(find(s, 'name-rule')).toMatchObject({ severity: 'warning', field: 'name', line: 2 });
      expect(s.loaded).toBe(true);
    }
    expect(codes(parse(fm('name: ok-name-2\ndescription: d'), 'ok-name-2'))).toEqual([]);
  });

  it('name-dir-mismatch: the name differs from the folder', () => {
    const s = parse(fm('name: other-name\ndescription: d'));
    expect([s.name, s.loaded]).toEqual(['other-name', true]);
    expect(problems(s)).toEqual(['name-dir-mismatch']);
  });

  it('metadata-legacy-key: clawdbot and clawdis are read, with a warning; openclaw wins', () => {
    for (const key of ['clawdbot', 'clawdis']) {
      const s = parse(fm(`name: my-skill\ndescription: d\nmetadata: {"${key}": {"emoji": "🦀", "requires": {"bins": ["gh"]}}}`));
      expect(s.openclaw).toMatchObject({ key, emoji: '🦀', requires: { bins: ['gh'], anyBins: [], env: [], config: [] } });
      expect(problems(s)).toEqual(['metadata-legacy-key']);
      expect(find(s, 'metadata-legacy-key')).toMatchObject({ field: `metadata.${key}`, line: 4 });
    }
    const both = parse(fm('name: my-skill\ndescription: d\nmetadata: {"openclaw": {"emoji": "a"}, "clawdbot": {"emoji": "b"}}'));
    expect(both.openclaw?.key).toBe('openclaw');
    expect(problems(both)).toEqual([]);
  });

  it('reads metadata as JSON5: trailing commas on one line and over several lines', () => {
    const one = parse(fm('name: my-skill\ndescription: d\nmetadata: {"openclaw": {"requires": {"bins": ["gh",], "env": ["TOKEN",],},},}'));
    expect(one.openclaw?.requires).toEqual({ bins: ['gh'], anyBins: [], env: ['TOKEN'], config: [] });
    const several = parse(fm('name: my-skill\ndescription: d\nmetadata:\n  {\n    "openclaw": {\n      "os": ["macos", "linux",],\n      "requires": { "anyBins": ["python3", "python"] },\n    },\n  }'));
    expect(several.openclaw).toMatchObject({ os: ['darwin', 'linux'], requires: { anyBins: ['python3', 'python'] } });
    expect(problems(several)).toEqual([]);
    const yamlMap = parse(fm('name: my-skill\ndescription: d\nmetadata:\n  openclaw:\n    primaryEnv: API_KEY\n    requires:\n      env: [API_KEY]'));
    expect(yamlMap.openclaw).toMatchObject({ primaryEnv: 'API_KEY', requires: { env: ['API_KEY'] } });
  });

  it('after a fallback, metadata text is read as JSON5 without a warning', () => {
    const s = parse(fm('name: my-skill\ndescription: Use when: x\nmetadata: {"openclaw": {"requires": {"bins": ["jq",],},},}'));
    expect(s.openclaw?.requires.bins).toEqual(['jq']);
    expect(problems(s)).toEqual(['yaml-fallback']);
  });

  it('metadata-unparsed: only when the text is not JSON5 either', () => {
    const s = parse(fm('name: my-skill\ndescription: Use when: x\nmetadata: {"openclaw": {"requires": {"bins": ["jq"]}}'));
    expect(problems(s)).toEqual(['metadata-unparsed', 'yaml-fallback']);
    expect([s.metadata, s.openclaw, s.loaded]).toEqual([undefined, undefined, true]);
    expect(find(s, 'metadata-unparsed')).toMatchObject({ severity: 'warning', field: 'metadata', line: 4 });
    expect(problems(parse(fm('name: my-skill\ndescription: d\nmetadata: [1, 2]')))).toEqual(['metadata-unparsed']);
  });

  it('unknown-key (info) only for keys neither OpenClaw nor Claude Code reads', () => {
    const s = parse(fm('name: my-skill\ndescription: d\nauthor: me\ntags: [a]\nhomepage: https://x\nargument-hint: "<file>"\nmodel: opus\nlicense: MIT\nversion: 1.2.3'));
    expect(s.diagnostics.filter((d) => d.code === 'unknown-key').map((d) => d.field)).toEqual(['author', 'tags']);
    expect(find(s, 'unknown-key')).toMatchObject({ severity: 'info', line: 4 });
    expect(s.loaded).toBe(true);
  });

  it('too-large: over 256,000 bytes of UTF-8 is an error, exactly 256,000 is not', () => {
    const head = fm('name: my-skill\ndescription: d', '');
    expect(problems(parse(head + 'x'.repeat(256_000 - head.length)))).toEqual([]);
    const over = parse(head + 'x'.repeat(256_001 - head.length));
    expect([problems(over), over.loaded]).toEqual([['too-large'], false]);
    // 90,000 three-byte characters: fewer characters than the limit, more bytes.
    expect(problems(parse(head + '€'.repeat(90_000)))).toEqual(['too-large']);
  });
});
