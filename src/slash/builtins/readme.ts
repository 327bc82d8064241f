import { BUILTINS } from './index.js';

/** The README's table of built-in slash commands, generated from the built-ins themselves. */
export function builtinsMarkdown(): string {
  const rows = BUILTINS.map((b) => {
    const names = [b.name, ...(b.aliases ?? [])].map((n) => `\`/${n}${n === b.name && b.argumentHint ? ` ${b.argumentHint}` : ''}\``).join(', ');
    return `| ${names.replace(/\|/g, '\\|')} | ${b.description} |`;
  });
  return ['| command | what it does |', '|---|---|', ...rows].join('\n');
}
