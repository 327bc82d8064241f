import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SKILL_FILE_BYTES, SKILL_CODES, parseSkillBytes, parseSkillFile, parseSkillFileSync, parseSkillText } from '../../src/skills/parse/index.js';
import { parse, fm, codes, find } from '../helpers/parse.js';

describe('command-not-executed', () => {
  it('notes each !`cmd` with its file line, and never runs it', () => {
    const s = parse(fm('name: my-skill\ndescription: d', 'Status:\n!`git status --short`\n- Diff: !`git diff`\nnot a command: x!`y`\n'));
    const notes = s.diagnostics.filter((d) => d.code === 'command-not-executed');
    expect(notes.map((d) => [d.severity, d.line])).toEqual([['info', 6], ['info', 7]]);
    expect(notes[0]!.problem).toContain('git status --short');
    expect(s.loaded).toBe(true);
  });

  it('notes a ```! fenced block', () => {
    const s = parse(fm('name: my-skill\ndescription: d', 'Intro\n```!\nnode --version\n```\n'));
    expect(find(s, 'command-not-executed')).toMatchObject({ line: 6 });
  });
});

describe('OpenClaw manifest details', () => {
  it('reads os aliases, install, always, emoji, primaryEnv; ignores null', () => {
    const s = parse(fm('name: my-skill\ndescription: d\nmetadata: {"openclaw": {"os": ["macos", "Windows", "linux"], "always": true, "primaryEnv": null, "install": [{"kind": "brew", "formula": "gh"}], "cron": "x"}}'));
    expect(s.openclaw).toMatchObject({ os: ['darwin', 'win32', 'linux'], always: true, install: [{ kind: 'brew', formula: 'gh' }] });
    expect(s.openclaw?.primaryEnv).toBeUndefined();
    expect(find(s, 'metadata-unknown-key')).toMatchObject({ severity: 'info', field: 'metadata.openclaw.cron' });
  });

  it('reports a requirement of the wrong kind as metadata-invalid and ignores it', () => {
    const s = parse(fm('name: my-skill\ndescription: d\nmetadata: {"openclaw": {"requires": {"bins": {"gh": true}}}}'));
    expect(find(s, 'metadata-invalid')).toMatchObject({ severity: 'warning', field: 'metadata.openclaw.requires.bins' });
    expect(s.openclaw?.requires.bins).toEqual([]);
    expect(s.loaded).toBe(true);
  });

  it('reads a comma-separated string as a list, as OpenClaw does', () => {
    expect(parse(fm('name: my-skill\ndescription: d\nmetadata: {"openclaw": {"requires": {"env": "A, B"}}}')).openclaw?.requires.env).toEqual(['A', 'B']);
  });
});

describe('every diagnostic', () => {
  it('has a documented code, its severity, a problem and a concrete fix', () => {
    const texts = [
      '', 'no frontmatter', '---\nunclosed', fm('description: Use when: x\nmetadata: {bad\nauthor: me'), fm('name: Bad_Name\ndescription: d\nuser-invocable: maybe'),
      fm('name: x\ndescription: d\nmetadata: {"clawdbot": {"requires": 3}, "weft": {"tool": {"run": ["{x}"]}, "y": 1}}', '!`ls`\n'),
    ];
    for (const text of texts) {
      for (const d of parse(text).diagnostics) {
        expect(SKILL_CODES[d.code as keyof typeof SKILL_CODES], d.code).toBe(d.severity);
        expect(d.problem.length, d.code).toBeGreaterThan(10);
        expect(d.fix.length, d.code).toBeGreaterThan(10);
      }
    }
  });
});

describe('reading files', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'weft-parse-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (dir: string, content: string | Buffer) => {
    mkdirSync(path.join(tmp, dir), { recursive: true });
    const file = path.join(tmp, dir, 'SKILL.md');
    writeFileSync(file, content);
    return file;
  };

  it('parseSkillFile and parseSkillFileSync give what parseSkillText gives', async () => {
    const text = '\ufeff---\r\nname: on-disk\r\ndescription: From disk.\r\n---\r\nBody\r\n';
    const file = write('on-disk', text);
    const fromText = parseSkillText(text, file);
    expect(await parseSkillFile(file)).toEqual(fromText);
    expect(parseSkillFileSync(file)).toEqual(fromText);
    expect(fromText).toMatchObject({ name: 'on-disk', description: 'From disk.', loaded: true, file, dir: path.dirname(file) });
  });

  it('reads files larger than the first read in full, up to the limit', async () => {
    for (const size of [16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000, MAX_SKILL_FILE_BYTES]) {
      const head = '---\nname: sized\ndescription: d\n---\n';
      const text = head + 'é'.repeat(Math.floor((size - head.length) / 2)) + 'x'.repeat((size - head.length) % 2);
      expect(Buffer.byteLength(text)).toBe(size);
      const file = write('sized', text);
      const s = await parseSkillFile(file);
      expect([s.loaded, s.body.length], String(size)).toEqual([true, text.length - head.length]);
      expect(s).toEqual(parseSkillText(text, file));
    }
  });

  it('too-large files are refused from their size', async () => {
    const file = write('big', '---\nname: big\ndescription: d\n---\n' + 'x'.repeat(MAX_SKILL_FILE_BYTES));
    for (const s of [await parseSkillFile(file), parseSkillFileSync(file)]) {
      expect(codes(s)).toEqual(['too-large']);
      expect([s.loaded, s.name, s.body]).toEqual([false, 'big', '']);
    }
  });

  it('a missing file or a folder is read-failed, not a throw', async () => {
    const missing = path.join(tmp, 'nope', 'SKILL.md');
    expect(codes(await parseSkillFile(missing))).toEqual(['read-failed']);
    expect(codes(parseSkillFileSync(missing))).toEqual(['read-failed']);
    mkdirSync(path.join(tmp, 'dir-skill', 'SKILL.md'), { recursive: true });
    expect(codes(await parseSkillFile(path.join(tmp, 'dir-skill', 'SKILL.md')))).toEqual(['read-failed']);
  });

  it('invalid UTF-8 is a warning; the rest is parsed', async () => {
    const bytes = Buffer.concat([Buffer.from('---\nname: bytes\ndescription: caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')]);
    const file = write('bytes', bytes);
    const s = await parseSkillFile(file);
    expect([s.description, s.loaded]).toEqual(['caf\ufffd', true]);
    expect(find(s, 'encoding-invalid').severity).toBe('warning');
    expect(parseSkillBytes(bytes, file)).toEqual(s);
  });
});
