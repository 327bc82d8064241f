/** The scalar and list fields at the top of a manifest: id, name, version, capabilities, paths. */
import semver from 'semver';
import { checkPluginPath } from './permissions.js';
import { dropDuplicates, readList, show, type ManifestReport } from './report.js';
import { CAPABILITIES, SUPPORTED_CAPABILITIES, type Capability } from './types.js';

/**
 * Decision: reverse-domain means at least two dot-separated labels, each
 * non-empty and made of [A-Za-z0-9_-], 128 characters at most in all.
 */
export const PLUGIN_ID = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/;
export const PLUGIN_ID_MAX = 128;

export function readId(report: ManifestReport, raw: unknown): string {
  const fix = 'Use a reverse-domain id such as "com.example.weather": two or more dot-separated labels of letters, digits, "_" or "-".';
  if (typeof raw !== 'string') {
    report.error('id', `id is ${show(raw)}; it must be a string.`, fix);
  } else if (raw.length > PLUGIN_ID_MAX) {
    report.error('id', `id is ${raw.length} characters long; the most allowed is ${PLUGIN_ID_MAX}.`, `Shorten the id to ${PLUGIN_ID_MAX} characters or fewer.`);
  } else if (!PLUGIN_ID.test(raw)) {
    report.error('id', `id is ${show(raw)}; it must be reverse-domain: two or more non-empty dot-separated labels of letters, digits, "_" or "-".`, fix);
  } else {
    return raw;
  }
  return '';
}

export function readText(report: ManifestReport, raw: unknown, field: string, required: boolean): string | undefined {
  if (raw === undefined && !required) return undefined;
  if (typeof raw === 'string' && raw.trim() !== '') return raw;
  report.error(field, `${field} is ${show(raw)}; it must be a non-empty string.`, `Write the ${field} in quotes.`);
  return undefined;
}

/** Decision: strict semver as written (no leading "v", no spaces), build metadata allowed. */
export function readVersion(report: ManifestReport, raw: unknown): string {
  if (typeof raw === 'string' && /^[0-9]/.test(raw) && raw.trim() === raw && semver.valid(raw) !== null) return raw;
  const suggestion = typeof raw === 'string' || typeof raw === 'number' ? semver.coerce(String(raw))?.version : undefined;
  const hint = suggestion ? ` such as "${suggestion}"` : ' such as "1.0.0"';
  report.error('version', `version is ${show(raw)}; it must be a semantic version (MAJOR.MINOR.PATCH).`, `Write a version string${hint}.`);
  return '';
}

export function readCapabilities(report: ManifestReport, raw: unknown): Capability[] {
  const items = readList(report, raw, 'capabilities', `capabilities (${CAPABILITIES.join(', ')})`);
  if (items === undefined) {
    if (raw === undefined) report.error('capabilities', 'capabilities is missing; a plugin must declare at least one.', `Add capabilities, e.g. ["tool"] (known: ${CAPABILITIES.join(', ')}).`);
    return [];
  }
  if (items.length === 0) {
    report.error('capabilities', 'capabilities is empty; a plugin must declare at least one.', `List at least one of: ${CAPABILITIES.join(', ')}.`);
  }
  const out: Capability[] = [];
  items.forEach((item, i) => {
    const at = `capabilities[${i}]`;
    const capability = CAPABILITIES.find((c) => c === item);
    if (!capability) {
      report.error(at, `${at} is ${show(item)}; it is not a capability (known: ${CAPABILITIES.join(', ')}).`, `Use one of: ${CAPABILITIES.join(', ')}.`);
      return;
    }
    if (!SUPPORTED_CAPABILITIES.includes(capability)) {
      report.error(
        at,
        `${at} is "${capability}", a valid capability, but weft has no plugin interface for it yet, so this plugin is not loaded.`,
        `Remove "${capability}" to load the plugin now (weft supports: ${SUPPORTED_CAPABILITIES.join(', ')}).`,
        'capability-unsupported',
      );
    }
    out.push(capability);
  });
  return dropDuplicates(report, out, 'capabilities', (c) => `"${c}"`);
}

/** A path inside the plugin folder, or undefined (and an error) if it is not one. */
export function readPluginPath(report: ManifestReport, raw: unknown, field: string): string | undefined {
  if (typeof raw !== 'string') {
    report.error(field, `${field} is ${show(raw)}; it must be a path string.`, 'Write a path relative to the plugin folder in quotes.');
    return undefined;
  }
  const result = checkPluginPath(raw);
  if (result.ok) return result.value;
  report.error(field, `${field} is ${show(raw)}; ${result.rule}.`, result.fix);
  return undefined;
}

export function readSkills(report: ManifestReport, raw: unknown): string[] {
  const items = readList(report, raw, 'skills', 'skill folders') ?? [];
  const out = items.flatMap((item, i) => readPluginPath(report, item, `skills[${i}]`) ?? []);
  return dropDuplicates(report, out, 'skills', (s) => JSON.stringify(s));
}
