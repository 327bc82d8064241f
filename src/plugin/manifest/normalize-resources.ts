/** `resources`: integer limits within RESOURCE_LIMITS, defaults filled. */
import { defaultResourceLimits, RESOURCE_LIMIT_KEYS, RESOURCE_LIMITS } from './limits.js';
import { isPlainObject, show, warnUnknownKeys, type ManifestReport } from './report.js';
import type { ResourceLimits } from './types.js';

export function normalizeResources(report: ManifestReport, raw: unknown): ResourceLimits {
  const resources = defaultResourceLimits();
  if (raw === undefined) return resources;
  if (!isPlainObject(raw)) {
    report.error('resources', `resources is ${show(raw)}; it must be an object.`, `Write resources as an object with any of: ${RESOURCE_LIMIT_KEYS.join(', ')}, or leave it out.`);
    return resources;
  }
  warnUnknownKeys(report, raw, RESOURCE_LIMIT_KEYS, 'resources');
  for (const key of RESOURCE_LIMIT_KEYS) {
    const value = raw[key];
    if (value !== undefined && checkLimit(report, key, value)) resources[key] = value;
  }
  return resources;
}

/**
 * Decision: a whole number (1e9 is fine, it is an integer) from the key's
 * min to its cap. Above the cap is an error naming both amounts, never
 * silently clamped.
 */
function checkLimit(report: ManifestReport, key: keyof ResourceLimits, value: unknown): value is number {
  const { min, max, unit } = RESOURCE_LIMITS[key];
  const field = `resources.${key}`;
  const range = `a whole number from ${min} to ${max} (${unit})`;
  if (typeof value !== 'number') {
    const asNumber = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    const fix = Number.isFinite(asNumber) ? `Write it as a number, without quotes: ${asNumber}.` : `Write a whole number from ${min} to ${max}.`;
    report.error(field, `${field} is ${show(value)}; it must be ${range}, not ${typeof value === 'string' ? 'a string' : show(value)}.`, fix);
    return false;
  }
  if (!Number.isFinite(value) || !Number.isInteger(value)) {
    report.error(field, `${field} is ${show(value)}; it must be ${range}.`, `Write a whole number from ${min} to ${max}.`);
    return false;
  }
  if (value > max) {
    report.error(field, `${field} is ${value}; the cap is ${max}.`, `Lower it to ${max} or less.`, 'manifest-limit-exceeds-cap');
    return false;
  }
  if (value < min) {
    report.error(field, `${field} is ${value}; the minimum is ${min}.`, `Raise it to ${min} or more (the cap is ${max}).`);
    return false;
  }
  return true;
}
