import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findTool } from '../../src/registry/index.js';
import { grant, pendingApproval } from '../../src/slash/index.js';
import { ECHO, Fixture } from '../registry/helpers.js';

let f: Fixture;
beforeEach(() => { f = new Fixture(); });
afterEach(async () => { await f.cleanup(); });

describe('approvals asked in the REPL', () => {
  it('a plugin asking for more after an upgrade is asked about only what is new; granting it makes the tool ready', async () => {
    const dir = f.copyPlugin('echo-wat');
    await f.approve(dir);
    const file = path.join(dir, 'clawft.plugin.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as { version: string; permissions: { env_vars: string[] } };
    writeFileSync(file, JSON.stringify({ ...m, version: '0.2.0', permissions: { ...m.permissions, env_vars: [...m.permissions.env_vars, 'NEW_VAR'] } }));
    const registry = await f.start({ watch: false });
    const tool = findTool(registry.current(), `${ECHO}/echo`)!;
    expect(tool.state).toBe('needs-approval');
    const approval = (await pendingApproval(tool, registry.current()))!;
    expect(approval).toMatchObject({ kind: 'plugin', subject: ECHO, command: `weft plugin approve ${ECHO}` });
    expect(approval.summary).toBe(`plugin ${ECHO} 0.2.0 now asks for more than you approved: environment: NEW_VAR`);
    await grant(registry, approval);
    expect(findTool(registry.current(), `${ECHO}/echo`)!.state).toBe('ready');
  });
});
