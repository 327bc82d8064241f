// The MCP tool list is live: a skill file created, edited and deleted while clients are
// connected, and an approval granted from another terminal, each give every client
// exactly one notifications/tools/list_changed (counted on the wire) and the new list.
// Serial: it waits out debounce windows to be sure no second notification follows.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWeft } from '../helpers/run-weft.js';
import type { TempHome } from '../helpers/sandbox-home.js';
import { writeSkill } from '../helpers/skills.js';
import { mcpHome, RawStdioClient, spawnMcp } from '../mcp/helpers.js';

let t: TempHome & { managed: string };
const children: Array<ReturnType<typeof spawnMcp>> = [];
beforeEach(async () => { t = await mcpHome(); });
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => (c.exitCode !== null ? undefined : new Promise((r) => { c.once('exit', r); c.kill('SIGINT'); }))));
  t.cleanup();
});

const QUIET_MS = 800; // well past the 500 ms max-wait: a second notification would have come by then
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitCount(count: () => number, n: number, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (count() < n) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (have ${count()}, want ${n})`);
    await sleep(10);
  }
  await sleep(QUIET_MS);
  expect(count(), `${what}: exactly one notification`).toBe(n);
}

describe('live tool list over MCP', () => {
  it('create, edit, delete a skill and grant an approval: one list_changed each, per client, and the new list', async () => {
    const stdio = spawnMcp(t);
    children.push(stdio);
    const raw = new RawStdioClient(stdio);
    await raw.initialize('2025-06-18'); // a 2025-era client gets list_changed unsolicited

    const httpChild = spawnMcp(t, ['--http', '0']);
    children.push(httpChild);
    let stderr = '';
    httpChild.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    while (!/listening (\S+)/.test(stderr)) await sleep(20);
    const url = /listening (\S+)/.exec(stderr)![1]!;
    const client = new Client({ name: 'live-http', version: '1' });
    let httpCount = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => { httpCount += 1; });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    await sleep(300); // the client's GET stream, where unsolicited notifications travel

    const rawCount = () => raw.notifications('notifications/tools/list_changed').length;
    const names = async () => ((await raw.request('tools/list')).result as { tools: Array<{ name: string; description: string }> }).tools;
    const steps: Array<[string, () => void, (tools: Array<{ name: string; description: string }>) => void]> = [
      ['create', () => writeSkill(t.managed, 'fresh', { name: 'fresh', description: 'Fresh.' }),
        (tools) => expect(tools.find((x) => x.name === 'fresh')?.description).toBe('Fresh.')],
      ['edit', () => writeSkill(t.managed, 'fresh', { name: 'fresh', description: 'Edited.' }),
        (tools) => expect(tools.find((x) => x.name === 'fresh')?.description).toBe('Edited.')],
      ['delete', () => rmSync(path.join(t.managed, 'fresh'), { recursive: true }),
        (tools) => expect(tools.some((x) => x.name === 'fresh')).toBe(false)],
      ['approve', () => expect(runWeft(['skill', 'approve', 'pending', '--yes'], { cwd: t.project, env: t.env }).code).toBe(0),
        (tools) => expect(tools.find((x) => x.name === 'pending')?.description).toBe('Not approved yet.')],
    ];
    let n = 0;
    for (const [what, act, check] of steps) {
      n += 1;
      act();
      await waitCount(rawCount, n, `${what} (stdio)`);
      expect(httpCount, `${what} (http)`).toBe(n);
      check(await names());
      const viaHttp = (await client.listTools()).tools;
      check(viaHttp as Array<{ name: string; description: string }>);
    }
    // A change that does not change the list (a file beside SKILL.md of an instruction skill) sends nothing.
    writeFileSync(path.join(t.managed, 'howto', 'notes.txt'), 'not part of the tool');
    await sleep(QUIET_MS);
    expect(rawCount()).toBe(n);
    await client.close();
  }, 60_000);
});
