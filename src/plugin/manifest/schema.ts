/**
 * The JSON Schema of the manifest, shipped in the package (`schemas/`) for
 * editors and docs. Validation itself is normalizeManifest; a test keeps the
 * two from drifting.
 */
import { readFile } from 'node:fs/promises';

/** Works from both src/plugin/manifest/ and dist/plugin/manifest/. */
export const MANIFEST_SCHEMA_URL = new URL('../../../schemas/plugin-manifest.schema.json', import.meta.url);

export async function loadManifestSchema(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(MANIFEST_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}
