import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trustCommand, workspaceTrust } from '../../src/config/trust.js';
import { findWorkspace } from '../../src/config/workspace.js';
import { ApprovalsStore } from '../../src/plugin/approvals/index.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

let t: TempHome;
let store: ApprovalsStore;
beforeEach(() => { t = makeTempHome(); store = new ApprovalsStore(t.paths().approvalsFile); });
afterEach(() => t.cleanup());
const status = async (cwd = t.project) => workspaceTrust(findWorkspace(t.paths(cwd)), store);

describe('workspace trust', () => {
  it('an empty workspace needs no trust, and nothing is written', async () => {
    expect((await status())?.trust).toBe('not-needed');
    expect(await store.listTrustedWorkspaces()).toEqual([]);
  });

  it.each([['.clawft', 'dir'], [path.join('.agents', 'skills'), 'dir'], ['SOUL.md', 'file']])(
    'a workspace holding %s is untrusted until trusted', async (entry, kind) => {
      const p = path.join(t.project, entry);
      if (kind === 'dir') mkdirSync(p, { recursive: true }); else writeFileSync(p, 'x');
      expect((await status())?.trust).toBe('untrusted');
      await store.trustWorkspace(t.project);
      expect((await status())?.trust).toBe('trusted');
      await store.revokeWorkspace(t.project);
      expect((await status())?.trust).toBe('untrusted');
    });

  it('trust of the workspace root covers a cwd deep inside it', async () => {
    mkdirSync(path.join(t.project, '.clawft'));
    const deep = path.join(t.project, 'src', 'x');
    mkdirSync(deep, { recursive: true });
    await store.trustWorkspace(t.project);
    expect(await status(deep)).toMatchObject({ root: t.project, trust: 'trusted' });
  });

  it('trust granted through a symlink applies to the real folder', async () => {
    mkdirSync(path.join(t.project, '.clawft'));
    const link = path.join(t.root, 'link');
    symlinkSync(t.project, link);
    await store.trustWorkspace(link);
    expect((await status())?.trust).toBe('trusted');
  });

  it('trusting a parent folder does not trust a workspace below it', async () => {
    mkdirSync(path.join(t.project, '.clawft'));
    await store.trustWorkspace(path.dirname(t.project));
    expect((await status())?.trust).toBe('untrusted');
  });

  it('there is no workspace, and so nothing to trust, at $HOME', async () => {
    mkdirSync(path.join(t.home, '.agents', 'skills'), { recursive: true });
    expect(await status(t.home)).toBeNull();
  });
});

describe('trustCommand', () => {
  it('names the exact command, quoting a path a shell would split or expand', () => {
    expect(trustCommand('/home/me/work/project')).toBe('weft trust /home/me/work/project');
    expect(trustCommand("/home/me/my project's")).toBe("weft trust '/home/me/my project'\\''s'");
    expect(trustCommand('/w/$(touch x)')).toBe("weft trust '/w/$(touch x)'");
  });
});
