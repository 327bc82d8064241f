/**
 * Wrapping output to the terminal's width before Ink sees it. Ink wraps a
 * text wider than its box with wrap-ansi, which measures every word of every
 * line with string-width: about 400 ms for /help with 160 skills whose
 * descriptions are not plain ASCII. Lines that already fit are only
 * measured once, so wrapping here (plain ASCII by length, the rest word by
 * word) keeps a long listing quick to draw.
 */
import stringWidth from 'string-width';

const ASCII = /^[\x20-\x7e]*$/;

function width(text: string): number {
  return ASCII.test(text) ? text.length : stringWidth(text);
}

/** One line into rows of at most `columns` (words kept whole unless longer than a row). */
function wrapLine(line: string, columns: number): string[] {
  if (line.length <= columns && (ASCII.test(line) || stringWidth(line) <= columns)) return [line];
  const rows: string[] = [];
  let row = '';
  let rowWidth = 0;
  for (const word of line.split(/(\s+)/)) {
    if (!word) continue;
    const w = width(word);
    if (rowWidth + w <= columns) { row += word; rowWidth += w; continue; }
    if (/^\s+$/.test(word)) { rows.push(row); row = ''; rowWidth = 0; continue; }
    if (row) rows.push(row.trimEnd());
    row = '';
    rowWidth = 0;
    let rest = word;
    while (width(rest) > columns) {
      let cut = columns;
      while (cut > 1 && width(rest.slice(0, cut)) > columns) cut -= 1;
      rows.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    row = rest;
    rowWidth = width(rest);
  }
  rows.push(row);
  return rows;
}

export function wrapToWidth(text: string, columns: number): string {
  if (!(columns > 0)) return text;
  return text.split('\n').flatMap((line) => wrapLine(line, columns)).join('\n');
}
