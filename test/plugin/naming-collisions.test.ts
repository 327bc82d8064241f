import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/plugin/diagnostic.js';
import { detectCollisions, type Claim, type Surface } from '../../src/plugin/naming/index.js';

const HELP: Claim = { id: 'help', kind: 'builtin' };
const SKILL_HELP: Claim = { id: 'help', kind: 'skill', file: '/ws/.clawft/skills/help/SKILL.md' };
const DEPLOY_A: Claim = { id: 'deploy', kind: 'skill', file: '/ws/.clawft/skills/deploy/SKILL.md' };
const DEPLOY_B: Claim = { id: 'Deploy', kind: 'skill', file: '/home/u/.agents/skills/Deploy/SKILL.md' };
const DEPLOY_TOOL: Claim = { id: 'acme/deploy', kind: 'plugin-tool', file: '/ws/plugins/acme/clawft.plugin.json', name: 'deploy' };
const DEPLOY_ALIAS: Claim = { id: 'deploy', kind: 'alias', file: '/ws/.clawft/config.json' };
const NOTES: Claim = { id: 'notes', kind: 'skill', file: '/ws/.clawft/skills/notes/SKILL.md' };

/** Every ordering of a short list. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Runs detectCollisions on every ordering and checks they all agree. */
function detectInAnyOrder(claims: readonly Claim[], surface: Surface = 'slash') {
  const results = permutations(claims).map((order) => detectCollisions(order, surface));
  const first = results[0]!;
  const shape = (r: typeof first) => JSON.stringify({ assigned: [...r.assigned], collisions: r.collisions });
  for (const r of results) expect(shape(r)).toBe(shape(first));
  return first;
}

describe('detectCollisions', () => {
  it('assigns names nobody else claims', () => {
    const { assigned, collisions } = detectInAnyOrder([HELP, NOTES, DEPLOY_A]);
    expect(collisions).toEqual([]);
    expect([...assigned.keys()]).toEqual(['deploy', 'help', 'notes']);
    expect(assigned.get('notes')).toBe(NOTES);
  });

  it('a built-in keeps its name; the skill loses it, and the error names both, the file and the fix', () => {
    const { assigned, collisions } = detectInAnyOrder([SKILL_HELP, HELP, NOTES]);
    expect(assigned.get('help')).toBe(HELP);
    expect(assigned.get('notes')).toBe(NOTES);
    expect(collisions).toHaveLength(1);
    const [c] = collisions;
    expect(c!.name).toBe('help');
    expect(c!.keptBy).toBe(HELP);
    expect(c!.claimants).toEqual([HELP, SKILL_HELP]);
    const d = c!.diagnostic;
    expect(d).toMatchObject({ code: 'name-collision', severity: 'error', file: SKILL_HELP.file, field: 'name' });
    expect(d.problem).toBe(
      'slash command "/help" belongs to built-in "help", so skill "help" (/ws/.clawft/skills/help/SKILL.md) does not get it.',
    );
    expect(d.fix).toContain('the `name:` field in /ws/.clawft/skills/help/SKILL.md');
    expect(d.fix).toContain('"commands": {"aliases": {"help_2": "help"}}');
  });

  it('two skills: neither gets the name, whatever the order', () => {
    const { assigned, collisions } = detectInAnyOrder([DEPLOY_B, NOTES, DEPLOY_A]);
    expect(assigned.has('deploy')).toBe(false);
    expect(assigned.get('notes')).toBe(NOTES);
    expect(collisions).toHaveLength(1);
    const c = collisions[0]!;
    expect(c.keptBy).toBeUndefined();
    expect(c.claimants).toEqual([DEPLOY_B, DEPLOY_A]);
    const text = formatDiagnostic(c.diagnostic);
    expect(text).toContain(DEPLOY_A.file);
    expect(text).toContain(DEPLOY_B.file);
    expect(c.diagnostic.problem).toContain('neither of them gets it');
    expect(c.diagnostic.fix).toMatch(/^Rename skill "Deploy" \(the `name:` field in .*\) or skill "deploy"/);
    expect(c.diagnostic.fix).toContain('commands.aliases');
    expect(c.diagnostic.file).toBe(DEPLOY_B.file);
  });

  it('three claimants make one collision listing all three', () => {
    const { assigned, collisions } = detectInAnyOrder([DEPLOY_TOOL, DEPLOY_A, DEPLOY_B]);
    expect(assigned.size).toBe(0);
    expect(collisions).toHaveLength(1);
    expect(collisions[0]!.claimants).toEqual([DEPLOY_B, DEPLOY_A, DEPLOY_TOOL]);
    const { problem, fix } = collisions[0]!.diagnostic;
    for (const claim of [DEPLOY_A, DEPLOY_B, DEPLOY_TOOL]) expect(problem).toContain(claim.file);
    expect(problem).toContain('plugin tool "acme/deploy"');
    expect(problem).toContain('none of them gets it');
    expect(fix).toMatch(/^Rename all but one of /);
    expect(fix).toContain('`tools[].name` in /ws/plugins/acme/clawft.plugin.json');
  });

  it('an alias and a skill with one name: neither gets it', () => {
    const { assigned, collisions } = detectInAnyOrder([DEPLOY_ALIAS, DEPLOY_A]);
    expect(assigned.has('deploy')).toBe(false);
    expect(collisions[0]!.claimants).toEqual([DEPLOY_A, DEPLOY_ALIAS]);
    expect(collisions[0]!.diagnostic.problem).toContain('alias "deploy" (/ws/.clawft/config.json)');
    expect(collisions[0]!.diagnostic.fix).toContain('alias "deploy" (config `commands.aliases` in /ws/.clawft/config.json)');
  });

  it('an alias cannot take a built-in name', () => {
    const alias: Claim = { id: 'help', kind: 'alias', file: '/ws/.clawft/config.json' };
    const { assigned, collisions } = detectInAnyOrder([alias, HELP]);
    expect(assigned.get('help')).toBe(HELP);
    expect(collisions[0]!.claimants).toEqual([HELP, alias]);
    expect(collisions[0]!.diagnostic.fix).not.toContain('e.g.');
  });

  it('the same claimant twice is not a collision', () => {
    const { assigned, collisions } = detectInAnyOrder([DEPLOY_A, { ...DEPLOY_A }, HELP, { ...HELP }]);
    expect(collisions).toEqual([]);
    expect(assigned.get('deploy')).toEqual(DEPLOY_A);
    expect(assigned.get('help')).toEqual(HELP);
  });

  it('one skill name from two files is a collision', () => {
    const other = { ...DEPLOY_A, file: '/home/u/.clawft/skills/deploy/SKILL.md' };
    const { collisions } = detectInAnyOrder([DEPLOY_A, other]);
    expect(collisions).toHaveLength(1);
    expect(collisions[0]!.diagnostic.problem).toContain(other.file);
  });

  it('two built-ins with one name throw', () => {
    expect(() => detectCollisions([HELP, { id: 'HELP', kind: 'builtin' }], 'slash')).toThrow(/"HELP".*"help"|"help".*"HELP"/);
    expect(() => detectCollisions([HELP, { id: 'HELP', kind: 'builtin' }], 'mcp')).not.toThrow();
  });

  it('computes names per surface: distinct on MCP, one on slash', () => {
    const a: Claim = { id: 'Deploy', kind: 'skill', file: '/a/SKILL.md' };
    const b: Claim = { id: 'deploy', kind: 'skill', file: '/b/SKILL.md' };
    expect(detectCollisions([a, b], 'mcp').collisions).toEqual([]);
    expect(detectCollisions([a, b], 'llm').assigned.size).toBe(2);
    const slash = detectCollisions([a, b], 'slash');
    expect(slash.collisions).toHaveLength(1);
    expect(slash.collisions[0]!.diagnostic.problem).toContain('/a/SKILL.md');
    expect(slash.collisions[0]!.diagnostic.problem).toContain('/b/SKILL.md');
  });

  it('reports replacement collisions on MCP and LLM, without an alias suggestion', () => {
    const tool: Claim = { id: 'a/b', kind: 'plugin-tool', file: '/p/clawft.plugin.json' };
    const skill: Claim = { id: 'a_b', kind: 'skill', file: '/s/SKILL.md' };
    const { collisions } = detectInAnyOrder([tool, skill], 'llm');
    expect(collisions).toHaveLength(1);
    expect(collisions[0]!.diagnostic.problem).toMatch(/^LLM tool name "a_b" is claimed by skill "a_b" \(\/s\/SKILL.md\) and plugin tool "a\/b"/);
    expect(collisions[0]!.diagnostic.fix).not.toContain('aliases');
  });

  it('lists collisions in name order regardless of input order', () => {
    const x1: Claim = { id: 'x', kind: 'skill', file: '/1' };
    const x2: Claim = { id: 'x', kind: 'skill', file: '/2' };
    const { collisions } = detectInAnyOrder([x2, DEPLOY_A, x1, DEPLOY_B]);
    expect(collisions.map((c) => c.name)).toEqual(['deploy', 'x']);
  });
});
