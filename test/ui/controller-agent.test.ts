// The REPL controller running agent turns (no Ink): history keeps the order things
// happened in — what the model said, then its tool calls, then the rest of the answer.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from '../../src/agent/index.js';
import { ReplController } from '../../src/ui/controller.js';
import { History } from '../../src/ui/history.js';
import { FAKE_KEY, providerEntry } from '../helpers/agent-home.js';
import { useConnectionGuard } from '../helpers/connection-guard.js';
import { lastToolResults, startFakeProvider, type FakeProvider } from '../helpers/fake-provider.js';
import { writeSkill } from '../helpers/skills.js';
import { Fixture } from '../registry/helpers.js';

useConnectionGuard();
let f: Fixture;
let fake: FakeProvider;
let controller: ReplController | undefined;
beforeEach(async () => { f = new Fixture(); fake = await startFakeProvider({ keys: [FAKE_KEY] }); });
afterEach(async () => { controller?.exit(); await controller?.close(); await fake.close(); await f.cleanup(); });

async function start(): Promise<ReplController> {
  mkdirSync(f.t.clawftHome, { recursive: true });
  writeFileSync(path.join(f.t.clawftHome, 'config.json'), JSON.stringify({ providers: { fake: providerEntry('openai', fake) } }));
  writeSkill(f.managedSkills, 'howto', { name: 'howto', description: 'How to greet.', body: 'Greet $ARGUMENTS.' });
  const registry = await f.start({ watch: false });
  controller = new ReplController(registry, new History(path.join(f.t.clawftHome, 'history')), new Agent({ registry, paths: f.t.paths(), env: { WEFT_TEST_KEY: FAKE_KEY } }));
  return controller;
}

describe('agent turns in the REPL controller', () => {
  it('text said before a tool call lands in history before the call; the rest of the answer after it, nothing twice', async () => {
    const c = await start();
    fake.setResponder((req) => (lastToolResults(req).length ? { text: 'Done greeting.' } : { text: 'Let me check.', toolCalls: [{ id: 'k1', name: 'activate_skill', arguments: { name: 'howto', arguments: 'Bo' } }] }));
    await c.submit('greet Bo');
    const lines = c.current.entries.map((e) => `${e.kind}: ${e.text}`);
    expect(lines).toEqual([
      'input: greet Bo',
      'output: Let me check.',
      expect.stringMatching(/^notice: → activate_skill /),
      expect.stringMatching(/^notice: ✓ activate_skill \(\d+ ms\)$/),
      'output: Done greeting.',
    ]);
  });

  it('a provider error after some text keeps the text and shows the error with its fix', async () => {
    const c = await start();
    fake.setResponder(() => ({ status: 401 }));
    await c.submit('hello');
    const last = c.current.entries.at(-1)!;
    expect(last.kind).toBe('error');
    expect(last.text).toContain('WEFT_TEST_KEY');
    expect(last.fix).toContain('WEFT_TEST_KEY');
  });
});
