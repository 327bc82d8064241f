/**
 * Eligibility: whether a loaded skill's OpenClaw requirements are met on this
 * machine. `loaded` (parsed, has a description) and eligible are separate: an
 * ineligible skill is still listed, with the reasons.
 *
 * Decisions:
 * - `os` accepts OpenClaw's Node names (darwin, linux, win32) and the aliases
 *   macos/mac/osx (darwin) and windows/win (win32).
 * - `always: true` skips the bins/env/config checks (as in OpenClaw), not `os`.
 * - `requires.config` keys are OpenClaw settings weft does not have: without a
 *   `hasConfig` they are unmet, each with a reason naming the key.
 * - An env var counts as set when it is present and not empty.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { OS_ALIASES } from './parse/manifest.js';
import type { ParsedSkill } from './types.js';

export interface EligibilityEnv {
  /** PATH to search (default: process.env.PATH). Ignored when `bins` is given. */
  path?: string;
  /** Environment variables (default: process.env). */
  vars?: NodeJS.ProcessEnv;
  /** Default: process.platform. */
  platform?: NodeJS.Platform;
  /** Whether a config key is set; without it every `requires.config` key is unmet. */
  hasConfig?: (key: string) => boolean;
  /** A shared lookup, so that many skills do not search PATH again for the same name. */
  bins?: BinLookup;
}


/**
 * Finds executables on one PATH, remembering every answer. Make one per
 * batch (a discovery pass, a `skill check`): a later install is not seen by
 * an old lookup.
 */
export class BinLookup {
  private readonly dirs: string[];
  private readonly exts: string[];
  private readonly cache = new Map<string, boolean>();

  constructor(
    pathValue: string,
    private readonly platform: NodeJS.Platform = process.platform,
    pathext: string = process.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD',
  ) {
    const sep = platform === 'win32' ? ';' : path.delimiter;
    this.dirs = [...new Set(pathValue.split(sep).filter((d) => d !== ''))];
    this.exts = platform === 'win32' ? ['', ...pathext.split(';').filter(Boolean)] : [''];
  }

  /** True when `name` is an executable file in one of the PATH folders. */
  has(name: string): boolean {
    let found = this.cache.get(name);
    if (found === undefined) {
      found = this.search(name);
      this.cache.set(name, found);
    }
    return found;
  }

  private search(name: string): boolean {
    if (name === '' || name.includes('/') || (this.platform === 'win32' && name.includes('\\'))) return false;
    for (const dir of this.dirs) {
      for (const ext of this.exts) if (isExecutable(path.join(dir, name + ext), this.platform)) return true;
    }
    return false;
  }
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why `skill` cannot be used here, as sentences; empty means eligible. */
export function ineligibleReasons(skill: ParsedSkill, env: EligibilityEnv = {}): string[] {
  const manifest = skill.openclaw;
  if (!manifest) return [];
  const reasons: string[] = [];
  const platform = env.platform ?? process.platform;
  if (manifest.os.length > 0) {
    const allowed = manifest.os.map((os) => OS_ALIASES[os.toLowerCase()] ?? os.toLowerCase());
    if (!allowed.includes(platform)) reasons.push(`runs only on ${[...new Set(allowed)].join(', ')} (this is ${platform})`);
  }
  if (manifest.always === true) return reasons;
  const { bins: needed, anyBins, env: vars, config } = manifest.requires;
  if (needed.length > 0 || anyBins.length > 0) {
    const bins = env.bins ?? new BinLookup(env.path ?? process.env.PATH ?? '', platform);
    for (const bin of needed) if (!bins.has(bin)) reasons.push(`needs \`${bin}\` on PATH`);
    if (anyBins.length > 0 && !anyBins.some((bin) => bins.has(bin))) {
      reasons.push(anyBins.length === 1 ? `needs \`${anyBins[0]}\` on PATH` : `needs one of ${anyBins.map((b) => `\`${b}\``).join(', ')} on PATH`);
    }
  }
  const values = env.vars ?? process.env;
  for (const name of vars) if (!values[name]) reasons.push(`needs environment variable \`${name}\` set`);
  for (const key of config) {
    if (!env.hasConfig) reasons.push(`needs config key \`${key}\` set (an OpenClaw setting weft does not have)`);
    else if (!env.hasConfig(key)) reasons.push(`needs config key \`${key}\` set`);
  }
  return reasons;
}
