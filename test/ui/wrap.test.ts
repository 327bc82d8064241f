import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { wrapToWidth } from '../../src/ui/wrap.js';

describe('wrapToWidth', () => {
  it('keeps lines that fit, wraps at spaces, breaks words longer than a row, and counts wide characters', () => {
    expect(wrapToWidth('short\nlines', 10)).toBe('short\nlines');
    expect(wrapToWidth('the quick brown fox jumps', 10)).toBe('the quick\nbrown fox\njumps');
    expect(wrapToWidth('abcdefghijklmnop', 5)).toBe('abcde\nfghij\nklmno\np');
    const wide = wrapToWidth('日本語のテキスト とても長い', 8);
    for (const row of wide.split('\n')) expect(stringWidth(row)).toBeLessThanOrEqual(8);
    expect(wide.replace(/\n/g, '')).toBe('日本語のテキストとても長い');
    expect(wrapToWidth('anything', 0)).toBe('anything');
  });
});
