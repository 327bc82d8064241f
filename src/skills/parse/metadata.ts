/**
 * `metadata`: a YAML mapping, or text (a one-line JSON value YAML could not
 * take, or anything after a line-reader fallback) read as JSON5, so trailing
 * commas and unquoted keys are fine. Only text that is not JSON5 either gets
 * `metadata-unparsed`.
 */
import JSON5 from 'json5';
import { isPlainObject, show, type SkillReport, type Where } from './report.js';

export function readMetadata(raw: unknown, report: SkillReport, where: Where): Record<string, unknown> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (isPlainObject(raw)) return raw;
  const fix = 'Write metadata as JSON on one line, e.g. metadata: {"openclaw": {"requires": {"bins": ["gh"]}}}, or as a YAML mapping.';
  if (typeof raw !== 'string') {
    report.add('metadata-unparsed', `metadata is ${show(raw)}; it must be a mapping, so it is ignored.`, fix, where);
    return undefined;
  }
  const text = raw.trim();
  if (text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON5.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^JSON5: /, '') : String(err);
    report.add('metadata-unparsed', `metadata is neither a YAML mapping nor JSON5 (${why}), so it is ignored: no requirements, no emoji, no weft tool.`, fix, where);
    return undefined;
  }
  if (isPlainObject(parsed)) return parsed;
  report.add('metadata-unparsed', `metadata is ${show(parsed)}; it must be a mapping, so it is ignored.`, fix, where);
  return undefined;
}
