import { describe, expect, it } from 'vitest';
import { exposedTools, pluginToolId } from '../../src/plugin/naming/index.js';

describe('tool ids and exposure', () => {
  it('a plugin tool id is <plugin id>/<tool>', () => {
    expect(pluginToolId('com.example.fs', 'read')).toBe('com.example.fs/read');
  });
  it('exposes every skill, and a plugin tool only when no loaded skill binds it', () => {
    const skills = [{ name: 'notes', boundPluginTool: 'com.example.fs/read' }, { name: 'weather' }];
    const tools = ['com.example.fs/read', 'com.example.fs/write'];
    expect(exposedTools(skills, tools)).toEqual(['notes', 'weather', 'com.example.fs/write']);
  });
  it('exposes an unbound plugin tool once, and a skill bound to an unloaded tool still', () => {
    expect(exposedTools([{ name: 's', boundPluginTool: 'p/missing' }], ['p/t', 'p/t'])).toEqual(['s', 'p/t']);
    expect(exposedTools([], [])).toEqual([]);
  });
});
