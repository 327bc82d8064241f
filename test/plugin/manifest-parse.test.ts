import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseManifest, parseManifestFile, readManifest } from '../../src/plugin/manifest/parse.js';
import { full, toolPlugin } from '../fixtures/manifests/cases.js';

describe('parseManifest', () => {
  it('reads JSON, YAML and YML by extension', () => {
    const raw = toolPlugin();
    for (const [text, file] of [[JSON.stringify(raw), 'clawft.plugin.json'], [stringify(raw), 'clawft.plugin.yaml'], [stringify(raw), 'x/clawft.plugin.YML']] as const) {
      const result = parseManifest(text, file);
      expect(result.diagnostics, file).toEqual([]);
      expect(result.manifest!.id).toBe('com.example.demo');
    }
  });

  it('round-trips the full manifest through YAML written by a YAML library', () => {
    expect(parseManifest(stringify(full()), 'm.yaml').manifest).toStrictEqual(full());
  });

  it('ignores a byte-order mark', () => {
    expect(parseManifest(`\uFEFF${JSON.stringify(toolPlugin())}`, 'm.json').diagnostics).toEqual([]);
  });

  it('reports a JSON syntax error with its line', () => {
    const text = '{\n  "id": "a.b",\n  "name": "x",,\n}';
    const { manifest, diagnostics } = parseManifest(text, 'm.json');
    expect(manifest).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'manifest-syntax', severity: 'error', file: 'm.json', line: 3 })]);
    expect(diagnostics[0]!.problem).toMatch(/^The manifest is not valid JSON: /);
  });

  it('reports truncated JSON at its last line', () => {
    expect(parseManifest('{\n"id": "a.b"', 'm.json').diagnostics[0]).toMatchObject({ code: 'manifest-syntax', line: 2 });
  });

  it('does not accept JSON5 in a .json manifest', () => {
    expect(parseManifest("{id: 'a.b', // comment\n}", 'm.json').diagnostics[0]!.code).toBe('manifest-syntax');
  });

  it('reports a YAML syntax error with its line', () => {
    const { diagnostics } = parseManifest('id: a.b\nname: [x,\nversion: 1.0.0\n', 'm.yaml');
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'manifest-syntax', severity: 'error', file: 'm.yaml' })]);
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
    expect(diagnostics[0]!.problem).toMatch(/^The manifest is not valid YAML: /);
  });

  it('rejects duplicate YAML keys as a syntax error', () => {
    expect(parseManifest('id: a.b\nid: c.d\n', 'm.yaml').diagnostics[0]).toMatchObject({ code: 'manifest-syntax', line: 2 });
  });

  it('says an empty YAML manifest is empty', () => {
    const { diagnostics } = parseManifest('# nothing\n', 'm.yaml');
    expect(diagnostics[0]).toMatchObject({ code: 'manifest-invalid', problem: 'The manifest is empty; it must be an object.' });
  });

  it('refuses other extensions', () => {
    expect(parseManifest('{}', 'clawft.plugin.toml').diagnostics[0]).toMatchObject({ code: 'manifest-invalid', severity: 'error' });
  });
});

describe('readManifest', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'weft-manifest-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('reads clawft.plugin.json', async () => {
    await writeFile(join(dir, 'clawft.plugin.json'), JSON.stringify(toolPlugin()));
    const result = await readManifest(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.manifest!.name).toBe('Demo');
  });

  it.each(['clawft.plugin.yaml', 'clawft.plugin.yml'])('reads %s', async (name) => {
    await writeFile(join(dir, name), stringify(toolPlugin({ name: 'Yaml' })));
    expect((await readManifest(dir)).manifest!.name).toBe('Yaml');
  });

  it('puts the manifest path in every diagnostic', async () => {
    await writeFile(join(dir, 'clawft.plugin.yaml'), stringify(toolPlugin({ version: 'one' })));
    expect((await readManifest(dir)).diagnostics[0]).toMatchObject({ file: join(dir, 'clawft.plugin.yaml'), field: 'version' });
  });

  it('reports a folder without a manifest', async () => {
    await writeFile(join(dir, 'plugin.json'), '{}');
    const { manifest, diagnostics } = await readManifest(dir);
    expect(manifest).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'manifest-missing', severity: 'error', file: dir })]);
    expect(diagnostics[0]!.problem).toContain('clawft.plugin.json');
  });

  it('reports a folder that does not exist', async () => {
    const { diagnostics } = await readManifest(join(dir, 'nope'));
    expect(diagnostics[0]).toMatchObject({ code: 'manifest-missing', severity: 'error' });
  });

  it('refuses to guess between two manifests', async () => {
    await writeFile(join(dir, 'clawft.plugin.json'), JSON.stringify(toolPlugin()));
    await writeFile(join(dir, 'clawft.plugin.yaml'), stringify(toolPlugin()));
    const { manifest, diagnostics } = await readManifest(dir);
    expect(manifest).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'manifest-ambiguous', severity: 'error' })]);
    expect(diagnostics[0]!.problem).toContain('clawft.plugin.json, clawft.plugin.yaml');
  });

  it('treats .yaml and .yml together as ambiguous too', async () => {
    await writeFile(join(dir, 'clawft.plugin.yml'), stringify(toolPlugin()));
    await writeFile(join(dir, 'clawft.plugin.yaml'), stringify(toolPlugin()));
    expect((await readManifest(dir)).diagnostics[0]!.code).toBe('manifest-ambiguous');
  });

  it('reports a manifest that is a folder as unreadable', async () => {
    await mkdir(join(dir, 'clawft.plugin.json'));
    expect((await readManifest(dir)).diagnostics[0]).toMatchObject({ code: 'manifest-unreadable', severity: 'error' });
  });

  it('parseManifestFile reads one file and reports a missing one', async () => {
    const file = join(dir, 'clawft.plugin.json');
    await writeFile(file, JSON.stringify(toolPlugin()));
    expect((await parseManifestFile(file)).manifest).toBeDefined();
    expect((await parseManifestFile(join(dir, 'other.json'))).diagnostics[0]!.code).toBe('manifest-missing');
  });
});
