import { describe, expect, it } from 'vitest';
import { type ApprovalScope, deepEqual, diffPermissions, intersectPermissions } from '../../src/plugin/permission-diff.js';
import type { ManifestTool, PluginPermissions } from '../../src/plugin/manifest/types.js';

const perms = (p: Partial<PluginPermissions> = {}): PluginPermissions => ({ network: [], filesystem: [], env_vars: [], shell: false, ...p });
const scope = (p: Partial<PluginPermissions> = {}, tools: ManifestTool[] = []): ApprovalScope => ({ permissions: perms(p), tools });
const tool = (name: string, input_schema: Record<string, unknown> = { type: 'object' }): ManifestTool => ({ name, input_schema });
const NOTHING_NEW = { network: [], filesystem: [], env_vars: [], shell: false, tools: { added: [], changed: [] }, empty: true };

describe('diffPermissions', () => {
  it('is empty for identical scopes', () => {
    const s = scope({ network: ['a.example.com'], filesystem: [{ path: '~/x', access: 'write' }], env_vars: ['K'], shell: true }, [tool('run')]);
    expect(diffPermissions(s, structuredClone(s))).toEqual(NOTHING_NEW);
  });

  it('reports a new host', () => {
    const d = diffPermissions(scope({ network: ['a.example.com'] }), scope({ network: ['a.example.com', 'b.example.com'] }));
    expect(d.network).toEqual(['b.example.com']);
    expect(d.empty).toBe(false);
  });

  it('does not report a host an approved wildcard covers, at any depth', () => {
    const d = diffPermissions(scope({ network: ['*.example.com'] }), scope({ network: ['api.example.com', 'a.b.example.com', '*.cdn.example.com'] }));
    expect(d).toEqual(NOTHING_NEW);
  });

  it('reports the apex of an approved wildcard, and a wildcard wider than an approved host', () => {
    const d = diffPermissions(scope({ network: ['*.example.com', 'api.other.com'] }), scope({ network: ['example.com', '*.other.com', 'notexample.com'] }));
    expect(d.network).toEqual(['example.com', '*.other.com', 'notexample.com']);
  });

  it('reports a new path', () => {
    const d = diffPermissions(scope({ filesystem: [{ path: '~/a', access: 'read' }] }), scope({ filesystem: [{ path: '~/b', access: 'read' }] }));
    expect(d.filesystem).toEqual([{ path: '~/b', access: 'read' }]);
  });

  it('reports wider access on the same path (read -> write)', () => {
    const d = diffPermissions(scope({ filesystem: [{ path: '~/a', access: 'read' }] }), scope({ filesystem: [{ path: '~/a', access: 'write' }] }));
    expect(d.filesystem).toEqual([{ path: '~/a', access: 'write' }]);
    expect(d.empty).toBe(false);
  });

  it('does not report a path inside an approved path with equal or narrower access', () => {
    const approved = scope({ filesystem: [{ path: '$WORKSPACE', access: 'write' }, { path: '/etc/ssl/', access: 'read' }] });
    const next = scope({ filesystem: [{ path: '$WORKSPACE/build', access: 'write' }, { path: '$WORKSPACE/src', access: 'read' }, { path: '/etc/ssl/certs', access: 'read' }] });
    expect(diffPermissions(approved, next)).toEqual(NOTHING_NEW);
  });

  it('reports a path inside an approved one when it asks wider access there', () => {
    const d = diffPermissions(scope({ filesystem: [{ path: '~', access: 'read' }] }), scope({ filesystem: [{ path: '~/out', access: 'write' }] }));
    expect(d.filesystem).toEqual([{ path: '~/out', access: 'write' }]);
  });

  it('compares paths by whole segments, and never across roots', () => {
    const approved = scope({ filesystem: [{ path: '/data', access: 'write' }, { path: '/', access: 'write' }] });
    const d = diffPermissions(scope({ filesystem: [{ path: '/data', access: 'write' }] }), scope({ filesystem: [{ path: '/database', access: 'read' }] }));
    expect(d.filesystem).toEqual([{ path: '/database', access: 'read' }]);
    const roots = diffPermissions(approved, scope({ filesystem: [{ path: '~/x', access: 'read' }, { path: '$WORKSPACE', access: 'read' }] }));
    expect(roots.filesystem).toHaveLength(2);
  });

  it('reports the widest of several new paths only once', () => {
    const d = diffPermissions(scope(), scope({ filesystem: [{ path: '~/a/b', access: 'read' }, { path: '~/a', access: 'write' }] }));
    expect(d.filesystem).toEqual([{ path: '~/a', access: 'write' }]);
  });

  it('reports a new env var', () => {
    expect(diffPermissions(scope({ env_vars: ['A'] }), scope({ env_vars: ['A', 'B'] })).env_vars).toEqual(['B']);
  });

  it('reports shell false -> true, and only that way', () => {
    expect(diffPermissions(scope({ shell: false }), scope({ shell: true })).shell).toBe(true);
    expect(diffPermissions(scope({ shell: true }), scope({ shell: false }))).toEqual(NOTHING_NEW);
  });

  it('is empty when fewer permissions are asked', () => {
    const approved = scope({ network: ['a.com', 'b.com'], filesystem: [{ path: '/x', access: 'write' }], env_vars: ['A', 'B'], shell: true }, [tool('a'), tool('b')]);
    const next = scope({ network: ['a.com'], filesystem: [{ path: '/x', access: 'read' }], env_vars: [] }, [tool('a')]);
    expect(diffPermissions(approved, next)).toEqual(NOTHING_NEW);
  });

  it('reports a new tool', () => {
    const d = diffPermissions(scope({}, [tool('a')]), scope({}, [tool('a'), tool('b')]));
    expect(d.tools).toEqual({ added: ['b'], changed: [] });
    expect(d.empty).toBe(false);
  });

  it('reports a tool whose input schema changed deeply', () => {
    const before = tool('a', { type: 'object', properties: { x: { type: 'string', enum: ['p', 'q'] } } });
    const after = tool('a', { type: 'object', properties: { x: { type: 'string', enum: ['p', 'q', 'r'] } } });
    const d = diffPermissions(scope({}, [before]), scope({}, [after]));
    expect(d.tools).toEqual({ added: [], changed: ['a'] });
    expect(d.empty).toBe(false);
  });

  it('ignores key order in schemas and description changes', () => {
    const before = { name: 'a', description: 'old', input_schema: { type: 'object', required: ['x'], properties: { x: {} } } };
    const after = { name: 'a', description: 'new', input_schema: { properties: { x: {} }, required: ['x'], type: 'object' } };
    expect(diffPermissions(scope({}, [before]), scope({}, [after]))).toEqual(NOTHING_NEW);
  });

  it('treats a renamed tool as new', () => {
    expect(diffPermissions(scope({}, [tool('a')]), scope({}, [tool('b')])).tools).toEqual({ added: ['b'], changed: [] });
  });

  it('is empty when a tool is removed', () => {
    expect(diffPermissions(scope({}, [tool('a'), tool('b')]), scope({}, [tool('b')]))).toEqual(NOTHING_NEW);
  });
});

describe('intersectPermissions', () => {
  it('grants only hosts both asked and allowed', () => {
    const grant = intersectPermissions(
      perms({ network: ['api.example.com', 'evil.com', '*.other.com', '*.wide.com'] }),
      perms({ network: ['*.example.com', 'x.other.com', '*.a.other.com', '*.wide.com'] }),
    );
    expect(grant.network).toEqual(['api.example.com', 'x.other.com', '*.a.other.com', '*.wide.com']);
  });

  it('grants the narrower path and the narrower access', () => {
    const grant = intersectPermissions(
      perms({ filesystem: [{ path: '~/proj', access: 'write' }, { path: '/', access: 'read' }, { path: '/tmp', access: 'write' }] }),
      perms({ filesystem: [{ path: '~', access: 'read' }, { path: '/etc/ssl', access: 'write' }] }),
    );
    expect(grant.filesystem).toEqual([{ path: '~/proj', access: 'read' }, { path: '/etc/ssl', access: 'read' }]);
  });

  it('keeps write where both allow it', () => {
    const grant = intersectPermissions(perms({ filesystem: [{ path: '$WORKSPACE/out', access: 'write' }] }), perms({ filesystem: [{ path: '$WORKSPACE', access: 'write' }] }));
    expect(grant.filesystem).toEqual([{ path: '$WORKSPACE/out', access: 'write' }]);
  });

  it('grants env vars both name, and shell only if both say so', () => {
    expect(intersectPermissions(perms({ env_vars: ['A', 'B'], shell: true }), perms({ env_vars: ['B', 'C'], shell: false }))).toEqual(perms({ env_vars: ['B'] }));
    expect(intersectPermissions(perms({ shell: true }), perms({ shell: true })).shell).toBe(true);
    expect(intersectPermissions(perms({ shell: false }), perms({ shell: true })).shell).toBe(false);
  });

  it('never grants more than was asked, nor more than was allowed', () => {
    const asked = perms({ network: ['*.example.com', 'a.org'], filesystem: [{ path: '~/a', access: 'write' }], env_vars: ['A'], shell: true });
    const allowed = perms({ network: ['api.example.com', 'b.org'], filesystem: [{ path: '~', access: 'read' }], env_vars: [], shell: true });
    const grant = intersectPermissions(asked, allowed);
    for (const side of [asked, allowed]) expect(diffPermissions({ permissions: side, tools: [] }, { permissions: grant, tools: [] }).empty).toBe(true);
    expect(grant).toEqual(perms({ network: ['api.example.com'], filesystem: [{ path: '~/a', access: 'read' }], shell: true }));
  });

  it('is pure: leaves its inputs untouched', () => {
    const asked = perms({ network: ['a.com'], filesystem: [{ path: '/x', access: 'write' }] });
    const copy = structuredClone(asked);
    intersectPermissions(asked, perms({ network: ['*.a.com'] }));
    expect(asked).toEqual(copy);
  });
});

describe('deepEqual', () => {
  it.each([
    [{ a: [1, { b: null }] }, { a: [1, { b: null }] }, true],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: undefined }, {}, false],
    [{ a: 1 }, { a: '1' }, false],
    [[], {}, false],
    [null, {}, false],
  ])('%j vs %j -> %s', (a, b, equal) => {
    expect(deepEqual(a, b)).toBe(equal);
  });
});
