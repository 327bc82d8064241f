import { WeftError } from '../../plugin/errors.js';

/** A managed skill's folder name: one safe path segment. */
export const SKILL_DIR_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * The folder a skill named `name` installs to: its name lowercased, which
 * must be one safe path segment (no `/`, no `..`, no leading dot).
 */
export function skillDirName(name: string, file?: string): string {
  const lowered = name.toLowerCase();
  if (SKILL_DIR_PATTERN.test(lowered) && lowered !== '..' && !lowered.includes('..')) return lowered;
  throw new WeftError(`the skill name "${name}" cannot be a folder name`, {
    code: 'skill-name-unsafe', ...(file ? { file } : {}), field: 'name', value: name,
    fix: 'Set `name:` in its SKILL.md to 1-64 characters from a-z, 0-9, ".", "_" and "-", starting with a letter or digit (e.g. "my-skill").',
  });
}
