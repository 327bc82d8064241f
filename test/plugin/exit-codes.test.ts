import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeTable } from '../../src/plugin/exit-codes.js';
import { repoRoot } from '../helpers/run-weft.js';

describe('exit codes', () => {
  it('are the fixed values scripts rely on', () => {
    expect(ExitCode).toEqual({ ok: 0, error: 1, usage: 2, approvalRequired: 3, toolFailed: 4, provider: 5, untrustedWorkspace: 6, cancelled: 130 });
    expect(exitCodeTable.map((e) => [e.name, e.code])).toEqual(Object.entries(ExitCode));
  });

  it('the README table lists exactly these codes', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.split('## Exit codes')[1]!.split('\n## ')[0]!;
    const codes = [...section.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(codes).toEqual(exitCodeTable.map((e) => e.code));
  });
});
