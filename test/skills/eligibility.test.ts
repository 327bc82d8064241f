import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinLookup, ineligibleReasons } from '../../src/skills/eligibility.js';
import { parseSkillText } from '../../src/skills/parse/index.js';

let tmp: string;
let binA: string;
let binB: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'weft-elig-'));
  binA = path.join(tmp, 'a');
  binB = path.join(tmp, 'b');
  mkdirSync(binA);
  mkdirSync(binB);
  for (const [dir, name, mode] of [[binA, 'gh', 0o755], [binB, 'jq', 0o755], [binA, 'notexec', 0o644]] as const) {
    writeFileSync(path.join(dir, name), '#!/bin/sh\n');
    chmodSync(path.join(dir, name), mode);
  }
  mkdirSync(path.join(binB, 'adir'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function skill(manifest: object) {
  const s = parseSkillText(`---\nname: s\ndescription: d\nmetadata: ${JSON.stringify({ openclaw: manifest })}\n---\n`, '/x/s/SKILL.md');
  expect(s.loaded).toBe(true);
  return s;
}

const env = () => ({ path: [binA, binB].join(path.delimiter), vars: { TOKEN: 'x', EMPTY: '' }, platform: 'linux' as NodeJS.Platform });

describe.skipIf(process.platform === 'win32')('ineligibleReasons', () => {
  it('is empty when every requirement is met, or when there are none', () => {
    expect(ineligibleReasons(skill({ requires: { bins: ['gh', 'jq'], anyBins: ['nope', 'jq'], env: ['TOKEN'] }, os: ['linux'] }), env())).toEqual([]);
    expect(ineligibleReasons(parseSkillText('---\nname: s\ndescription: d\n---\n', '/x/s/SKILL.md'), env())).toEqual([]);
  });

  it('names each missing bin; a non-executable file or a folder does not count', () => {
    expect(ineligibleReasons(skill({ requires: { bins: ['gh', 'missing', 'notexec', 'adir'] } }), env())).toEqual([
      'needs `missing` on PATH', 'needs `notexec` on PATH', 'needs `adir` on PATH',
    ]);
  });

  it('anyBins needs at least one', () => {
    expect(ineligibleReasons(skill({ requires: { anyBins: ['python3', 'python'] } }), env())).toEqual(['needs one of `python3`, `python` on PATH']);
  });

  it('env vars must be set and non-empty', () => {
    expect(ineligibleReasons(skill({ requires: { env: ['TOKEN', 'EMPTY', 'UNSET'] } }), env())).toEqual([
      'needs environment variable `EMPTY` set', 'needs environment variable `UNSET` set',
    ]);
  });

  it('os must include the platform; macos and windows are aliases', () => {
    expect(ineligibleReasons(skill({ os: ['darwin'] }), env())).toEqual(['runs only on darwin (this is linux)']);
    expect(ineligibleReasons(skill({ os: ['macos'] }), { ...env(), platform: 'darwin' })).toEqual([]);
    const s = skill({ os: ['darwin'] });
    s.openclaw!.os = ['windows'];
    expect(ineligibleReasons(s, { ...env(), platform: 'win32' })).toEqual([]);
  });

  it('config keys are unmet without hasConfig, and checked with it', () => {
    const s = skill({ requires: { config: ['browser.enabled'] } });
    expect(ineligibleReasons(s, env())).toEqual(['needs config key `browser.enabled` set (an OpenClaw setting weft does not have)']);
    expect(ineligibleReasons(s, { ...env(), hasConfig: (k) => k === 'browser.enabled' })).toEqual([]);
    expect(ineligibleReasons(s, { ...env(), hasConfig: () => false })).toEqual(['needs config key `browser.enabled` set']);
  });

  it('always: true skips the requirements but not os', () => {
    expect(ineligibleReasons(skill({ always: true, requires: { bins: ['missing'] } }), env())).toEqual([]);
    expect(ineligibleReasons(skill({ always: true, os: ['darwin'] }), env())).toEqual(['runs only on darwin (this is linux)']);
  });

  it('a shared BinLookup searches PATH once per name', () => {
    const bins = new BinLookup([binA, binB].join(path.delimiter), 'linux');
    const s = skill({ requires: { bins: ['gh', 'late'] } });
    expect(ineligibleReasons(s, { ...env(), bins })).toEqual(['needs `late` on PATH']);
    // Installed after the first look: the same lookup keeps its answer, a new one sees it.
    writeFileSync(path.join(binB, 'late'), '#!/bin/sh\n', { mode: 0o755 });
    expect(ineligibleReasons(s, { ...env(), bins })).toEqual(['needs `late` on PATH']);
    expect(ineligibleReasons(s, env())).toEqual([]);
    expect(bins.has('gh')).toBe(true);
    expect(bins.has('a/gh')).toBe(false);
  });
});
