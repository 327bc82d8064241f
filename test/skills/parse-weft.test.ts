import { describe, expect, it } from 'vitest';
import { parse, fm, problems, find } from '../helpers/parse.js';

function withWeft(weft: unknown): string {
  return fm(`name: my-skill\ndescription: d\nmetadata: ${JSON.stringify({ weft })}`);
}

const INPUT = { type: 'object', properties: { count: { type: 'integer' }, ref: { type: 'string' } }, required: ['count'] };

describe('metadata.weft: valid tools', () => {
  it('a native command', () => {
    const s = parse(withWeft({ tool: { input: INPUT, run: ['git', 'log', '-n', '{count}', '--', '{ref}'] } }));
    expect(s.weftTool).toEqual({ kind: 'native', input: INPUT, run: ['git', 'log', '-n', '{count}', '--', '{ref}'] });
    expect([s.loaded, s.diagnostics]).toEqual([true, []]);
  });

  it('a native command by absolute path, with no placeholders', () => {
    const s = parse(withWeft({ tool: { input: { type: 'object' }, run: ['/usr/bin/uptime'] } }));
    expect(s.weftTool).toMatchObject({ kind: 'native', run: ['/usr/bin/uptime'] });
    expect(s.loaded).toBe(true);
  });

  it('a plugin tool', () => {
    const s = parse(withWeft({ tool: { plugin: 'com.example.weather', name: 'get_forecast' } }));
    expect(s.weftTool).toEqual({ kind: 'plugin', plugin: 'com.example.weather', name: 'get_forecast' });
    expect([s.loaded, s.diagnostics]).toEqual([true, []]);
  });

  it('written in JSON5 with trailing commas, after a YAML fallback', () => {
    const s = parse(fm('name: my-skill\ndescription: Use when: x\nmetadata: {weft: {tool: {plugin: "com.example.w", name: "t",},},}'));
    expect(s.weftTool).toEqual({ kind: 'plugin', plugin: 'com.example.w', name: 't' });
    expect(problems(s)).toEqual(['yaml-fallback']);
  });

  it('a skill without metadata.weft is instruction-only', () => {
    expect(parse(fm('name: my-skill\ndescription: d')).weftTool).toBeUndefined();
  });
});

describe('metadata.weft: invalid tools are errors and the skill is not loaded', () => {
  const cases: [string, unknown, string][] = [
    ['weft is not a mapping', 'tool', 'metadata.weft'],
    ['tool is not a mapping', { tool: ['git'] }, 'metadata.weft.tool'],
    ['both run and plugin', { tool: { input: INPUT, run: ['git'], plugin: 'com.example.x', name: 't' } }, 'metadata.weft.tool'],
    ['neither run nor plugin', { tool: { input: INPUT } }, 'metadata.weft.tool'],
    ['run is empty', { tool: { input: INPUT, run: [] } }, 'metadata.weft.tool.run'],
    ['run is a string', { tool: { input: INPUT, run: 'git log' } }, 'metadata.weft.tool.run'],
    ['run holds a number', { tool: { input: INPUT, run: ['git', 3] } }, 'metadata.weft.tool.run'],
    ['a placeholder in argv[0]', { tool: { input: INPUT, run: ['{count}'] } }, 'metadata.weft.tool.run'],
    ['a relative command path', { tool: { input: INPUT, run: ['./run.sh'] } }, 'metadata.weft.tool.run'],
    ['a placeholder inside an element', { tool: { input: INPUT, run: ['git', '--max-count={count}'] } }, 'metadata.weft.tool.run'],
    ['an undeclared placeholder', { tool: { input: INPUT, run: ['git', '{nope}'] } }, 'metadata.weft.tool.run'],
    ['a placeholder for an array property', { tool: { input: { type: 'object', properties: { xs: { type: 'array' } } }, run: ['ls', '{xs}'] } }, 'metadata.weft.tool.run'],
    ['input missing', { tool: { run: ['git'] } }, 'metadata.weft.tool.input'],
    ['input not type object', { tool: { input: { type: 'string' }, run: ['git'] } }, 'metadata.weft.tool.input'],
    ['required not declared', { tool: { input: { type: 'object', properties: {}, required: ['x'] }, run: ['git'] } }, 'metadata.weft.tool.input'],
    ['required not a list', { tool: { input: { type: 'object', required: 'x' }, run: ['git'] } }, 'metadata.weft.tool.input'],
    ['plugin id not reverse-domain', { tool: { plugin: 'weather', name: 't' } }, 'metadata.weft.tool.plugin'],
    ['plugin tool name with a space', { tool: { plugin: 'com.example.w', name: 'get forecast' } }, 'metadata.weft.tool.name'],
    ['plugin without name', { tool: { plugin: 'com.example.w' } }, 'metadata.weft.tool.name'],
  ];
  for (const [label, weft, field] of cases) {
    it(label, () => {
      const s = parse(withWeft(weft));
      expect(s.loaded).toBe(false);
      expect(s.weftTool).toBeUndefined();
      expect(problems(s)).toEqual(['weft-tool-invalid']);
      expect(find(s, 'weft-tool-invalid')).toMatchObject({ severity: 'error', field, line: 4 });
    });
  }
});

describe('metadata.weft: unknown keys', () => {
  it('warns about unknown keys in metadata.weft and in the tool, and still loads', () => {
    const s = parse(withWeft({ tool: { plugin: 'com.example.w', name: 't', timeout: 5 }, extra: true }));
    expect(s.loaded).toBe(true);
    expect(s.diagnostics.filter((d) => d.code === 'weft-unknown-key').map((d) => [d.severity, d.field])).toEqual([
      ['warning', 'metadata.weft.extra'], ['warning', 'metadata.weft.tool.timeout'],
    ]);
  });
});
