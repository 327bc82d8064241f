/**
 * "Did you mean": the names closest to what was typed, for unknown verbs and
 * unknown slash commands alike. A unique prefix wins outright (`hel` is
 * `help`); otherwise fuse.js ranks, at a threshold that lets a swapped pair
 * of letters through (`hlep`), offering only hits close to the best one and,
 * on equal scores, names that start with the same letter first.
 */
import Fuse from 'fuse.js';

export function closestNames(typed: string, names: readonly string[], limit = 3): string[] {
  const unique = [...new Set(names)];
  const prefixed = unique.filter((n) => n.startsWith(typed));
  if (prefixed.length === 1) return prefixed;
  const first = (name: string): number => (name[0] === typed[0] ? 0 : 1);
  const hits = new Fuse(unique, { threshold: 0.55, ignoreLocation: true, includeScore: true }).search(typed)
    .sort((x, y) => (x.score ?? 0) - (y.score ?? 0) || first(x.item) - first(y.item));
  const best = hits[0]?.score ?? 0;
  const close = hits.filter((h) => (h.score ?? 0) <= best + 0.1).map((h) => h.item);
  return [...new Set([...prefixed, ...close])].slice(0, limit);
}
