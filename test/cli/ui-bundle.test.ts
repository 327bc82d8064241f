// The build bundles the REPL's UI with Ink and React (scripts/bundle-ui.mjs): one React,
// weft's other modules imported by path, nothing else from node_modules at run time.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-weft.js';

describe('the UI bundle', () => {
  it('exists after the build and imports only Node built-ins and weft modules by relative path', () => {
    const file = path.join(repoRoot, 'dist', 'repl.bundle.js');
    expect(existsSync(file), 'run npm run build').toBe(true);
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]!);
    const bare = specifiers.filter((s) => !s.startsWith('node:') && !s.startsWith('../') && !s.startsWith('./'));
    expect(bare).toEqual([]);
    for (const rel of specifiers.filter((s) => s.startsWith('.'))) expect(existsSync(path.join(repoRoot, 'dist', rel)), rel).toBe(true);
    expect(specifiers).toContain('./registry/index.js');
  });
});
