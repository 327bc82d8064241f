// A temp home whose config points weft at fake providers on 127.0.0.1, with the
// skills and plugin the end-to-end agent tests call.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeProvider } from './fake-provider.js';
import { repoRoot, runWeft } from './run-weft.js';
import type { TempHome } from './sandbox-home.js';
import { writeSkill } from './skills.js';

export const FAKE_KEY = 'sk-fake-0123456789';
export const ECHO_TOOL = 'dev_weft_test_echo-wat_echo';

export type Api = 'openai' | 'anthropic';

export function providerEntry(api: Api, fake: FakeProvider, model = `${api}-model`): Record<string, unknown> {
  return { api, baseUrl: api === 'openai' ? `${fake.url}/v1` : fake.url, model, apiKeyEnv: 'WEFT_TEST_KEY' };
}

export function writeConfig(t: TempHome, config: Record<string, unknown>): void {
  mkdirSync(t.clawftHome, { recursive: true });
  writeFileSync(path.join(t.clawftHome, 'config.json'), JSON.stringify(config, null, 2));
}

export function agentEnv(t: TempHome, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...t.env, WEFT_TEST_KEY: FAKE_KEY, ...extra };
}

/** An instruction-only skill, a native-command skill (`shout`) and the echo-wat plugin. */
export function installTools(t: TempHome, options: { approveShout?: boolean; plugin?: boolean } = {}): void {
  const managed = path.join(t.clawftHome, 'skills');
  writeSkill(managed, 'howto', { name: 'howto', description: 'How to greet people.', body: 'Greet $ARGUMENTS warmly, in one word.' });
  writeSkill(managed, 'shout', { name: 'shout', description: 'Prints its text.',
    extra: `metadata: ${JSON.stringify({ weft: { tool: { input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }, run: ['printf', '<%s>', '{text}'] } } })}` });
  const env = { ...t.env };
  if (options.approveShout !== false) expectOk(runWeft(['skill', 'approve', 'shout', '--yes'], { cwd: t.project, env }));
  if (options.plugin !== false) expectOk(runWeft(['plugin', 'install', path.join(repoRoot, 'plugins', 'echo-wat'), '--yes'], { cwd: t.project, env }));
}

function expectOk(r: { code: number | null; stderr: string }): void {
  if (r.code !== 0) throw new Error(`set-up command failed (${r.code}): ${r.stderr}`);
}
