import { describe, expect, it } from 'vitest';
import { findCommandLines, instructionToolSchema, splitArguments, substitute } from '../../src/skills/substitute.js';

const opts = { arguments: 'first "second arg" third', baseDir: '/skills/demo' };

describe('substitute', () => {
  it('$ARGUMENTS is the whole argument string, as typed', () => {
    expect(substitute('Run: $ARGUMENTS.', opts)).toBe('Run: first "second arg" third.');
    expect(substitute('$ARGUMENTS$ARGUMENTS', { arguments: 'x', baseDir: '' })).toBe('xx');
  });

  it('$1…$9 are 1-based, $ARGUMENTS[N] 0-based, split shell-style; past the end is empty; $0 stays', () => {
    expect(substitute('$0|$1|$2|$3|$4', opts)).toBe('$0|first|second arg|third|');
    expect(substitute('$ARGUMENTS[1] and $ARGUMENTS[9]', opts)).toBe('second arg and ');
  });

  it('never touches $N in code, or money and multi-digit lookalikes in prose', () => {
    const text = "Use $1 here.\n```sh\nawk '{print $1}'\n```\nInline `cut $2` and prices $10,000, $1.50, $0.12, $15.\n~~~\n$3\n~~~\n";
    expect(substitute(text, opts)).toBe("Use first here.\n```sh\nawk '{print $1}'\n```\nInline `cut $2` and prices $10,000, $1.50, $0.12, $15.\n~~~\n$3\n~~~\n");
    expect(substitute('```\nrun {baseDir}/x.sh $ARGUMENTS\n```', opts)).toBe('```\nrun /skills/demo/x.sh first "second arg" third\n```');
    expect(substitute('unclosed\n```\n$1', opts)).toBe('unclosed\n```\n$1');
  });

  it('{baseDir} and ${CLAUDE_SKILL_DIR} are the skill folder', () => {
    expect(substitute('{baseDir}/scripts/run.sh and ${CLAUDE_SKILL_DIR}/ref.md', opts)).toBe('/skills/demo/scripts/run.sh and /skills/demo/ref.md');
  });

  it('a backslash keeps a token literally; other backslashes and lookalikes stay', () => {
    expect(substitute('\\$ARGUMENTS \\$1 \\{baseDir} \\${CLAUDE_SKILL_DIR}', opts)).toBe('$ARGUMENTS $1 {baseDir} ${CLAUDE_SKILL_DIR}');
    expect(substitute('C:\\path \\n $ARGUMENTSX $HOME ${OTHER} {basedir}', opts)).toBe('C:\\path \\n $ARGUMENTSX $HOME ${OTHER} {basedir}');
  });

  it('is one pass: argument text is not substituted again', () => {
    expect(substitute('$ARGUMENTS / $1', { arguments: '$1 {baseDir}', baseDir: '/d' })).toBe('$1 {baseDir} / $1');
  });

  it('leaves text without tokens unchanged', () => {
    expect(substitute('Costs 5 dollars.\n', opts)).toBe('Costs 5 dollars.\n');
  });
});

describe('splitArguments', () => {
  it('splits like a shell', () => {
    expect(splitArguments('  a  "b c" \'d "e"\' f\\ g "h\\"i" ""')).toEqual(['a', 'b c', 'd "e"', 'f g', 'h"i', '']);
    expect(splitArguments('')).toEqual([]);
    expect(splitArguments('"unclosed quote')).toEqual(['unclosed quote']);
    expect(splitArguments("it's")).toEqual(['its']);
  });
});

describe('instructionToolSchema', () => {
  it('is one optional arguments string, described by the argument hint', () => {
    expect(instructionToolSchema('[issue-number]')).toEqual({
      type: 'object', properties: { arguments: { type: 'string', description: '[issue-number]' } },
    });
    expect(instructionToolSchema()).toEqual({ type: 'object', properties: { arguments: { type: 'string' } } });
  });
});

describe('findCommandLines', () => {
  it('finds !`cmd` at a line start or after a space, and ```! blocks', () => {
    const body = '!`git status`\n- diff: !`git diff HEAD`\nnot!`this`\n```!\nnode -v\nnpm -v\n```\n![image](x.png)\n';
    expect(findCommandLines(body)).toEqual([
      { line: 1, command: 'git status' }, { line: 2, command: 'git diff HEAD' }, { line: 4, command: 'node -v\nnpm -v' },
    ]);
    expect(findCommandLines('plain text, ![img](a.png) and `code`')).toEqual([]);
  });
});
