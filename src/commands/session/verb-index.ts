/** Flags that take a value: their value is not the verb. */
const VALUE_FLAGS = new Set(['-p', '--print', '--output', '-r', '--resume']);

/** The index of the verb in argv, or -1 when there is none (a session). */
export function verbIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    // a flag's value is the next word, unless that is another flag (the value is missing: meow says so)
    if (VALUE_FLAGS.has(a)) { if (!(argv[i + 1] ?? '').startsWith('-')) i += 1; continue; }
    if (!a.startsWith('-')) return i;
  }
  return -1;
}

