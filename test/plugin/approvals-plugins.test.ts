import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalsStore, type PluginCandidate, type PermissionDiff } from '../../src/plugin/approvals/index.js';

const ID = 'acme.weather';
const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

function v1(): PluginCandidate {
  return {
    contentHash: 'sha256:' + '1'.repeat(64),
    version: '1.0.0',
    permissions: {
      network: ['api.weather.example', '*.cdn.example'],
      filesystem: [{ path: '$WORKSPACE/data', access: 'read' }],
      env_vars: ['WEATHER_KEY'],
      shell: false,
    },
    tools: [{ name: 'forecast', description: 'Forecast', input_schema: structuredClone(schema) }],
  };
}

/** v1's content under a new hash and version, changed by `edit`. */
function v2(edit: (c: PluginCandidate) => void = () => {}): PluginCandidate {
  const c = { ...v1(), contentHash: 'sha256:' + '2'.repeat(64), version: '2.0.0' };
  edit(c);
  return c;
}

const nothingNew: Omit<PermissionDiff, 'empty'> = { network: [], filesystem: [], env_vars: [], shell: false, tools: { added: [], changed: [] } };

let home: string;
let store: ApprovalsStore;
let clock: Date;

beforeEach(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'weft-plugins-'));
  clock = new Date('2026-01-01T00:00:00.000Z');
  store = new ApprovalsStore(path.join(home, 'approvals.json'), { now: () => clock });
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

async function onDisk(): Promise<Record<string, any>> {
  return JSON.parse(await fs.readFile(store.file, 'utf8')).plugins;
}

describe('plugin approvals', () => {
  it('a plugin never approved is not approved', async () => {
    expect(await store.pluginStatus(ID, v1())).toEqual({ approved: false, reason: 'never-approved' });
  });

  it('ids are plain keys: "constructor" and "__proto__" are never approved by accident', async () => {
    expect(await store.pluginStatus('constructor', v1())).toMatchObject({ approved: false });
    await store.approvePlugin('__proto__', v1());
    expect(Object.keys((await store.read()).plugins)).toEqual(['__proto__']);
    expect(await store.pluginStatus('__proto__', v1())).toMatchObject({ approved: true });
  });

  it('approve records the grant; the same hash is approved without a write', async () => {
    await store.approvePlugin(ID, v1());
    expect((await onDisk())[ID]).toEqual({ ...v1(), approvedAt: '2026-01-01T00:00:00.000Z' });
    const before = await fs.readFile(store.file, 'utf8');
    expect(await store.pluginStatus(ID, v1())).toMatchObject({ approved: true, updated: false });
    expect(await fs.readFile(store.file, 'utf8')).toBe(before);
  });

  it('a new hash with identical permissions and tools is approved and carried forward on disk', async () => {
    await store.approvePlugin(ID, v1());
    clock = new Date('2026-02-01T00:00:00.000Z');
    expect(await store.pluginStatus(ID, v2())).toMatchObject({ approved: true, updated: true });
    const record = (await onDisk())[ID];
    expect(record.contentHash).toBe(v2().contentHash);
    expect(record.version).toBe('2.0.0');
    expect(record.approvedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(record.updatedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(await store.pluginStatus(ID, v2())).toMatchObject({ approved: true, updated: false });
  });

  it('a new hash asking fewer permissions stays approved, and re-widening later asks again', async () => {
    await store.approvePlugin(ID, v1());
    const fewer = v2((c) => {
      c.permissions.env_vars = [];
      c.permissions.network = ['api.weather.example'];
      c.tools = [];
    });
    expect(await store.pluginStatus(ID, fewer)).toMatchObject({ approved: true, updated: true });
    expect((await onDisk())[ID].permissions.env_vars).toEqual([]);
    const back = { ...v1(), contentHash: 'sha256:' + '3'.repeat(64), version: '3.0.0' };
    const status = await store.pluginStatus(ID, back);
    expect(status).toMatchObject({ approved: false, reason: 'permissions-widened' });
  });

  const widenings: Array<[string, (c: PluginCandidate) => void, Omit<PermissionDiff, 'empty'>]> = [
    ['a new host', (c) => c.permissions.network.push('evil.example'), { ...nothingNew, network: ['evil.example'] }],
    [
      'write access where read was approved',
      (c) => (c.permissions.filesystem = [{ path: '$WORKSPACE/data', access: 'write' }]),
      { ...nothingNew, filesystem: [{ path: '$WORKSPACE/data', access: 'write' }] },
    ],
    [
      'a path outside the approved ones',
      (c) => c.permissions.filesystem.push({ path: '~/.ssh', access: 'read' }),
      { ...nothingNew, filesystem: [{ path: '~/.ssh', access: 'read' }] },
    ],
    ['a new env var', (c) => c.permissions.env_vars.push('AWS_SECRET'), { ...nothingNew, env_vars: ['AWS_SECRET'] }],
    ['shell', (c) => (c.permissions.shell = true), { ...nothingNew, shell: true }],
    [
      'a new tool',
      (c) => c.tools.push({ name: 'delete_all', input_schema: { type: 'object' } }),
      { ...nothingNew, tools: { added: ['delete_all'], changed: [] } },
    ],
    [
      'a changed tool schema',
      (c) => ((c.tools[0] as { input_schema: object }).input_schema = { ...schema, properties: { city: { type: 'number' } } }),
      { ...nothingNew, tools: { added: [], changed: ['forecast'] } },
    ],
  ];
  for (const [label, edit, expected] of widenings) {
    it(`${label} voids the approval, the diff lists only that, and the record is untouched`, async () => {
      await store.approvePlugin(ID, v1());
      const before = await fs.readFile(store.file, 'utf8');
      const status = await store.pluginStatus(ID, v2(edit));
      expect(status.approved).toBe(false);
      if (status.approved || status.reason !== 'permissions-widened') throw new Error('expected permissions-widened');
      expect(status.diff).toEqual({ ...expected, empty: false });
      expect(await fs.readFile(store.file, 'utf8')).toBe(before);
    });
  }

  it('approving the new version replaces the record; revoke removes it', async () => {
    await store.approvePlugin(ID, v1());
    const wider = v2((c) => (c.permissions.shell = true));
    await store.approvePlugin(ID, wider);
    expect(await store.pluginStatus(ID, wider)).toMatchObject({ approved: true, updated: false });
    expect((await store.getPluginApproval(ID))?.permissions.shell).toBe(true);
    expect(await store.revokePlugin(ID)).toBe(true);
    expect(await store.pluginStatus(ID, wider)).toEqual({ approved: false, reason: 'never-approved' });
    expect(await store.revokePlugin(ID)).toBe(false);
  });

  it('the record is a copy: mutating the candidate after approving changes nothing', async () => {
    const c = v1();
    await store.approvePlugin(ID, c);
    c.permissions.network.push('later.example');
    expect((await store.getPluginApproval(ID))?.permissions.network).toEqual(v1().permissions.network);
  });

  it('uses an injected diff when given one', async () => {
    const strict = new ApprovalsStore(store.file, {
      diffPermissions: () => ({ ...nothingNew, shell: true, empty: false }),
    });
    await strict.approvePlugin(ID, v1());
    expect(await strict.pluginStatus(ID, v2())).toMatchObject({ approved: false, reason: 'permissions-widened' });
  });
});
