// The committed plugin components are exactly what `node plugins/build.mjs`
// produces from their sources: rebuild into a temp dir and compare bytes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PLUGIN_NAMES, pluginsDir, pluginWasmPath } from './plugin-harness.js';

const run = promisify(execFile);

describe('plugins/build.mjs', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'weft-plugins-rebuild-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('rebuilds every committed component byte for byte', async () => {
    const { stdout } = await run(process.execPath, [path.join(pluginsDir, 'build.mjs'), '--out', out], { timeout: 120_000 });
    for (const name of PLUGIN_NAMES) {
      const rebuilt = path.join(out, name, `${name}.wasm`);
      expect(stdout).toContain(rebuilt);
      const same = Buffer.compare(readFileSync(rebuilt), readFileSync(pluginWasmPath(name))) === 0;
      expect(same, `${name}: the committed ${name}.wasm differs from a fresh build; run node plugins/build.mjs and commit the result`).toBe(true);
    }
  }, 120_000);
});
