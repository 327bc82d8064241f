// resolve(): built-ins plus the registry snapshot's names, with every collision kind.
import path from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_SLASH_NAMES } from '../../src/plugin/naming/index.js';
import { BUILTINS, completeCommand, currentCommands, resolveCommands, suggest } from '../../src/slash/index.js';
import { Fixture, skillMd } from '../registry/helpers.js';

let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

function skill(dir: string, name: string, extra = ''): string {
  mkdirSync(path.join(f.managedSkills, dir), { recursive: true });
  const file = path.join(f.managedSkills, dir, 'SKILL.md');
  writeFileSync(file, skillMd(name, `The ${name} skill.`, 'Body.', extra));
  return file;
}

describe('resolveCommands', () => {
  it('the built-ins are exactly the names the registry reserves', () => {
    expect(BUILTINS.flatMap((b) => [b.name, ...(b.aliases ?? [])]).sort()).toEqual([...BUILTIN_SLASH_NAMES].sort());
  });

  it('a skill claiming a built-in name loses it, with an error naming both and the fix; /skill still reaches it', async () => {
    const file = skill('status', 'status');
    const registry = await f.start({ watch: false });
    const commands = currentCommands({ registry });
    expect(commands.byName.get('status')?.source).toBe('builtin');
    expect(commands.conflicts).toHaveLength(1);
    expect(commands.conflicts[0]).toMatchObject({ name: 'status' });
    expect(commands.conflicts[0]!.problem).toContain('built-in "status"');
    expect(commands.conflicts[0]!.problem).toContain(file);
    expect(commands.conflicts[0]!.fix).toContain('commands.aliases');
    expect(registry.current().diagnostics.some((d) => d.code === 'name-collision' && d.problem.includes('/status'))).toBe(true);
  });

  it('two skills normalising to one name: neither gets it; an alias in config clears it', async () => {
    skill('a', 'my-tool');
    skill('b', 'my_tool');
    const registry = await f.start({ watch: false });
    let commands = currentCommands({ registry });
    expect(commands.byName.has('my_tool')).toBe(false);
    expect(commands.conflicts.map((c) => c.name)).toEqual(['my_tool']);
    mkdirSync(f.t.clawftHome, { recursive: true });
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ commands: { aliases: { mytool2: 'my-tool' } } }));
    await registry.reload();
    commands = currentCommands({ registry });
    expect(commands.conflicts).toEqual([]);
    expect(commands.byName.get('mytool2')?.toolId).toBe('my-tool');
    expect(commands.byName.get('my_tool')?.toolId).toBe('my_tool');
  });

  it('an alias that takes a built-in name loses; one command per tool with its aliases; normalised names', async () => {
    skill('deploy', 'Deploy-App');
    mkdirSync(f.t.clawftHome, { recursive: true });
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ commands: { aliases: { help: 'Deploy-App', ship: 'Deploy-App' } } }));
    const registry = await f.start({ watch: false });
    const commands = currentCommands({ registry });
    expect(commands.byName.get('help')?.source).toBe('builtin');
    expect(commands.conflicts.map((c) => c.name)).toEqual(['help']);
    const deploy = commands.byName.get('deploy_app')!;
    expect(deploy.toolId).toBe('Deploy-App');
    expect(deploy.aliases).toEqual(['ship']);
    expect(commands.byName.get('ship')).toBe(deploy);
    expect(commands.list.filter((c) => c.toolId === 'Deploy-App')).toHaveLength(1);
  });

  it('a skill that is not user-invocable gets no command; resolve is cached per snapshot', async () => {
    skill('hidden', 'hidden', 'user-invocable: false');
    skill('shown', 'shown');
    const registry = await f.start({ watch: false });
    const s = registry.current();
    const commands = resolveCommands(s, BUILTINS);
    expect(commands.byName.has('hidden')).toBe(false);
    expect(commands.byName.has('shown')).toBe(true);
    expect(resolveCommands(s, BUILTINS)).toBe(commands);
  });
});

describe('resolveCommands: the other collision kinds', () => {
  it('a skill and a plugin tool with one slash name: neither gets it, both named in the error', async () => {
    const { ECHO } = await import('../registry/helpers.js');
    const { slashName } = await import('../../src/plugin/naming/index.js');
    await f.approve(f.copyPlugin('echo-wat'));
    const clash = slashName(`${ECHO}/echo`);
    skill('clash', clash);
    const registry = await f.start({ watch: false });
    const commands = currentCommands({ registry });
    expect(commands.byName.has(clash)).toBe(false);
    const conflict = commands.conflicts.find((c) => c.name === clash)!;
    expect(conflict.problem).toContain(`plugin tool "${ECHO}/echo"`);
    expect(conflict.problem).toContain(`skill "${clash}"`);
    expect(commands.byName.get(slashName(`${ECHO}/compute`))?.source).toBe('plugin');
  });

  it('an alias equal to another skill\'s name collides with it; an alias to a missing skill is a warning naming it', async () => {
    skill('one', 'one');
    skill('two', 'two');
    mkdirSync(f.t.clawftHome, { recursive: true });
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ commands: { aliases: { two: 'one', ghost: 'no-such-skill' } } }));
    const registry = await f.start({ watch: false });
    const commands = currentCommands({ registry });
    expect(commands.conflicts.map((c) => c.name)).toEqual(['two']);
    expect(commands.byName.has('two')).toBe(false);
    expect(commands.byName.get('one')?.toolId).toBe('one');
    const missing = registry.current().diagnostics.find((d) => d.code === 'alias-target-missing')!;
    expect(missing).toMatchObject({ severity: 'warning', field: 'commands.aliases.ghost' });
    expect(commands.byName.has('ghost')).toBe(false);
  });
});

describe('suggestions and completion', () => {
  it('a unique prefix wins, fuzzy otherwise, one suggestion per command (aliases do not crowd)', async () => {
    skill('deploy', 'deploy');
    mkdirSync(f.t.clawftHome, { recursive: true });
    writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ commands: { aliases: { deploy2: 'deploy', deploy3: 'deploy' } } }));
    const registry = await f.start({ watch: false });
    const commands = currentCommands({ registry });
    expect(suggest('hel', commands).map((c) => c.name)).toEqual(['help']);
    expect(suggest('hlep', commands)[0]!.name).toBe('help');
    expect(suggest('stauts', commands)[0]!.name).toBe('status');
    const deploys = suggest('deplyo', commands);
    expect(deploys.filter((c) => c.toolId === 'deploy')).toHaveLength(1);
    expect(suggest('zzzzqqq', commands)).toEqual([]);
    expect(completeCommand('s', commands)).toEqual(['skill', 'skills', 'status']);
    expect(completeCommand('dep', commands)).toEqual(['deploy', 'deploy2', 'deploy3']);
    expect(completeCommand('stat', commands)).toEqual(['status']);
  });
});

describe('README', () => {
  it('its table of built-in commands is the one generated from the code', async () => {
    const { readFileSync } = await import('node:fs');
    const { builtinsMarkdown } = await import('../../src/slash/builtins/readme.js');
    const { repoRoot } = await import('../helpers/run-weft.js');
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain(`<!-- slash-commands:start -->\n${builtinsMarkdown()}\n<!-- slash-commands:end -->`);
  });
});
