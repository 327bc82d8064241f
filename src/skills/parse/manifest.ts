/**
 * The OpenClaw manifest: `metadata.openclaw`, else the legacy `clawdbot`, then
 * `clawdis` (with a `metadata-legacy-key` warning). Lists follow OpenClaw's
 * reader (a list, or one comma-separated string); a value of the wrong kind is
 * ignored with `metadata-invalid`; keys OpenClaw does not read get info.
 */
import type { OpenClawManifest, SkillRequirements } from '../types.js';
import { isPlainObject, show, type SkillReport, type Where } from './report.js';

const MANIFEST_KEYS = ['openclaw', 'clawdbot', 'clawdis'] as const;
const KNOWN = new Set(['always', 'emoji', 'homepage', 'skillKey', 'primaryEnv', 'os', 'requires', 'install']);
const REQUIRES = ['bins', 'anyBins', 'env', 'config'] as const;

/** Decision: these spellings mean the Node platform names OpenClaw compares against. */
export const OS_ALIASES: Readonly<Record<string, string>> = {
  macos: 'darwin', mac: 'darwin', osx: 'darwin', darwin: 'darwin',
  windows: 'win32', win: 'win32', win32: 'win32', linux: 'linux',
};

export function readManifest(metadata: Record<string, unknown> | undefined, report: SkillReport, line: number | undefined): OpenClawManifest | undefined {
  if (!metadata) return undefined;
  const key = MANIFEST_KEYS.find((k) => metadata[k] !== undefined && metadata[k] !== null && Object.hasOwn(metadata, k));
  if (!key) return undefined;
  const at = (field: string): Where => (line === undefined ? { field } : { line, field });
  const raw = metadata[key];
  if (!isPlainObject(raw)) {
    report.add('metadata-invalid', `metadata.${key} is ${show(raw)}; it must be a mapping, so it is ignored.`, `Write metadata.${key} as a mapping, e.g. {"requires": {"bins": ["gh"]}}.`, at(`metadata.${key}`));
    return undefined;
  }
  if (key !== 'openclaw') {
    report.add('metadata-legacy-key', `The manifest sits under the legacy key metadata.${key}.`, `Rename metadata.${key} to metadata.openclaw; OpenClaw and weft read both, newer tools only the new one.`, at(`metadata.${key}`));
  }
  const read = new ManifestReader(report, key, at);
  const manifest: OpenClawManifest = {
    key,
    requires: read.requires(raw.requires),
    os: read.list(raw.os, 'os').map((os) => OS_ALIASES[os.toLowerCase()] ?? os.toLowerCase()),
    install: read.install(raw.install),
  };
  for (const name of ['emoji', 'primaryEnv', 'homepage', 'skillKey'] as const) {
    const value = read.text(raw[name], name);
    if (value !== undefined) manifest[name] = value;
  }
  if (raw.always !== undefined && raw.always !== null) {
    if (typeof raw.always === 'boolean') manifest.always = raw.always;
    else read.invalid('always', raw.always, 'true or false');
  }
  for (const k of Object.keys(raw)) {
    if (!KNOWN.has(k)) report.add('metadata-unknown-key', `metadata.${key}.${k} is not read by OpenClaw or weft.`, `Remove it, or use one of: ${[...KNOWN].join(', ')}.`, at(`metadata.${key}.${k}`));
  }
  return manifest;
}

class ManifestReader {
  constructor(
    private readonly report: SkillReport,
    private readonly key: string,
    private readonly at: (field: string) => Where,
  ) {}

  invalid(field: string, value: unknown, wanted: string): void {
    const path = `metadata.${this.key}.${field}`;
    this.report.add('metadata-invalid', `${path} is ${show(value)}; it must be ${wanted}, so it is ignored.`, `Write ${path} as ${wanted}, or remove it.`, this.at(path));
  }

  requires(raw: unknown): SkillRequirements {
    const empty: SkillRequirements = { bins: [], anyBins: [], env: [], config: [] };
    if (raw === undefined || raw === null) return empty;
    if (!isPlainObject(raw)) {
      this.invalid('requires', raw, 'a mapping {bins, anyBins, env, config}');
      return empty;
    }
    for (const name of REQUIRES) empty[name] = this.list(raw[name], `requires.${name}`);
    return empty;
  }

  /** OpenClaw's normalizeStringList: a list of strings or numbers, or one comma-separated string. */
  list(raw: unknown, field: string): string[] {
    if (raw === undefined || raw === null) return [];
    if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (Array.isArray(raw) && raw.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return raw.map((v) => String(v).trim()).filter(Boolean);
    }
    this.invalid(field, raw, 'a list of strings');
    return [];
  }

  text(raw: unknown, field: string): string | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw === 'string') return raw.trim() || undefined;
    this.invalid(field, raw, 'a string');
    return undefined;
  }

  install(raw: unknown): unknown[] {
    if (raw === undefined || raw === null) return [];
    if (Array.isArray(raw)) return raw;
    this.invalid('install', raw, 'a list of install recipes');
    return [];
  }
}
