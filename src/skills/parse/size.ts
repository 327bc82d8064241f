/**
 * The size limit. Decision: 256 KB means 256,000 bytes, OpenClaw's
 * `skills.limits.maxSkillFileBytes` default, so weft loads exactly the files
 * OpenClaw loads.
 */
import type { SkillReport } from './report.js';

export const MAX_SKILL_FILE_BYTES = 256_000;

export function reportTooLarge(bytes: number, report: SkillReport): void {
  report.add('too-large', `The file is ${bytes.toLocaleString('en-US')} bytes; the most a SKILL.md may be is ${MAX_SKILL_FILE_BYTES.toLocaleString('en-US')} bytes (256 KB), so it was not read.`, 'Move long reference material into separate files beside SKILL.md and link to them.', {});
}

/** False (after a `too-large` error) when `text` is over the limit in UTF-8. */
export function checkSize(text: string, report: SkillReport): boolean {
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit: only the middle range needs counting.
  if (text.length * 3 <= MAX_SKILL_FILE_BYTES) return true;
  const bytes = text.length > MAX_SKILL_FILE_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes <= MAX_SKILL_FILE_BYTES) return true;
  reportTooLarge(Buffer.byteLength(text, 'utf8'), report);
  return false;
}
