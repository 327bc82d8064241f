#!/usr/bin/env node
// Rewrites the README's slash-command table from the built-ins (run after `npm run build`).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { builtinsMarkdown } = await import(path.join(root, 'dist/slash/builtins/readme.js'));
const file = path.join(root, 'README.md');
const text = readFileSync(file, 'utf8');
const start = '<!-- slash-commands:start -->';
const end = '<!-- slash-commands:end -->';
const a = text.indexOf(start);
const b = text.indexOf(end);
if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} section`);
const next = `${text.slice(0, a + start.length)}\n${builtinsMarkdown()}\n${text.slice(b)}`;
writeFileSync(`${file}.tmp`, next);
renameSync(`${file}.tmp`, file);
console.log('README.md: slash-command table updated');
