import { describe, expect, it } from 'vitest';
import { parseInput, splitWords, toolArgs } from '../../src/slash/index.js';

describe('parseInput', () => {
  it('tells commands, chat and nothing apart, normalising command names like slash names', () => {
    expect(parseInput('   ')).toEqual({ kind: 'empty' });
    expect(parseInput('hello there')).toEqual({ kind: 'chat', text: 'hello there' });
    expect(parseInput('/help')).toEqual({ kind: 'command', name: 'help', typed: 'help', args: '' });
    expect(parseInput('  /Git-Summary   count=3  ')).toEqual({ kind: 'command', name: 'git_summary', typed: 'Git-Summary', args: 'count=3' });
    expect(parseInput('/skill deploy to prod')).toMatchObject({ name: 'skill', args: 'deploy to prod' });
    expect(parseInput('//not a command')).toEqual({ kind: 'chat', text: '/not a command' });
    expect(parseInput('/')).toEqual({ kind: 'chat', text: '/' });
    expect(parseInput('/x\nsecond line')).toMatchObject({ kind: 'command', name: 'x', args: 'second line' });
  });
});

describe('tool arguments from text', () => {
  const schema = { type: 'object', properties: { count: { type: 'integer' }, loud: { type: 'boolean' }, text: { type: 'string' } } };
  it('takes a JSON object, key=value words (coerced by type, quotes grouping), or the whole text for a single property', () => {
    expect(toolArgs('', schema)).toEqual({ ok: true, args: {} });
    expect(toolArgs('{"count": 2}', schema)).toEqual({ ok: true, args: { count: 2 } });
    expect(toolArgs('count=5 loud=true text="two words"', schema)).toEqual({ ok: true, args: { count: 5, loud: true, text: 'two words' } });
    expect(toolArgs('count=many', schema)).toEqual({ ok: true, args: { count: 'many' } }); // the schema check reports it
    expect(toolArgs('hello there', { type: 'object', properties: { text: { type: 'string' } } })).toEqual({ ok: true, args: { text: 'hello there' } });
    expect(toolArgs('7', { type: 'object', properties: { n: { type: 'integer' }, m: { type: 'string' } }, required: ['n'] })).toEqual({ ok: true, args: { n: 7 } });
    expect(toolArgs('hello there', schema)).toMatchObject({ ok: false, error: expect.stringContaining('count=… loud=… text=…') });
    expect(toolArgs('{not json', schema)).toMatchObject({ ok: false, error: expect.stringContaining('not a JSON object') });
    expect(toolArgs('anything', { type: 'object' })).toEqual({ ok: false, error: 'this command takes no arguments' });
    expect(splitWords(`a "b c" 'd e' f`)).toEqual(['a', 'b c', 'd e', 'f']);
  });
});

describe('tool arguments: edge cases', () => {
  const one = { type: 'object', properties: { text: { type: 'string' } } };
  it('a one-parameter tool takes `name=` then the rest, strips one pair of outer quotes, and keeps text in braces', () => {
    expect(toolArgs('text=hello world', one)).toEqual({ ok: true, args: { text: 'hello world' } });
    expect(toolArgs('"a b"', one)).toEqual({ ok: true, args: { text: 'a b' } });
    expect(toolArgs('{braces}', one)).toEqual({ ok: true, args: { text: '{braces}' } });
    expect(toolArgs('{"text": "json"}', one)).toEqual({ ok: true, args: { text: 'json' } });
  });
  it('numbers are decimal only: 0x2 stays text for the schema check to refuse', () => {
    const n = { type: 'object', properties: { count: { type: 'integer' }, other: { type: 'string' } } };
    expect(toolArgs('count=0x2', n)).toEqual({ ok: true, args: { count: '0x2' } });
    expect(toolArgs('count=-3', n)).toEqual({ ok: true, args: { count: -3 } });
    expect(toolArgs('count=1e3', n)).toEqual({ ok: true, args: { count: 1000 } });
  });
});
