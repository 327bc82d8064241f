import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/config/paths.js';
import { findWorkspace } from '../../src/config/workspace.js';
import { makeTempHome, type TempHome } from '../helpers/sandbox-home.js';

let t: TempHome;
beforeEach(() => { t = makeTempHome(); });
afterEach(() => t.cleanup());

describe('workspace discovery', () => {
  it('finds the nearest .clawft/ at or above the cwd', () => {
    mkdirSync(path.join(t.home, 'work', '.clawft'));
    const deep = path.join(t.project, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    expect(findWorkspace(t.paths(deep))).toEqual({ root: path.join(t.home, 'work'), marked: true, content: ['.clawft'] });
    mkdirSync(path.join(t.project, '.clawft'));
    expect(findWorkspace(t.paths(deep))?.root).toBe(t.project);
  });

  it('never takes $HOME as a workspace, even though $HOME/.clawft exists', () => {
    mkdirSync(t.clawftHome, { recursive: true });
    const ws = findWorkspace(t.paths(t.project));
    expect(ws).toEqual({ root: t.project, marked: false, content: [] });
  });

  it('has no workspace when the cwd is $HOME', () => {
    mkdirSync(path.join(t.home, '.agents', 'skills'), { recursive: true });
    expect(findWorkspace(t.paths(t.home))).toBeNull();
  });

  it('never takes the parent of CLAWFT_HOME, when CLAWFT_HOME lives outside $HOME', () => {
    const elsewhere = path.join(t.root, 'state');
    const clawftHome = path.join(elsewhere, '.clawft');
    mkdirSync(clawftHome, { recursive: true });
    const cwd = path.join(elsewhere, 'sub');
    mkdirSync(cwd);
    const paths = resolvePaths({ HOME: t.home, CLAWFT_HOME: clawftHome }, cwd);
    expect(findWorkspace(paths)).toEqual({ root: cwd, marked: false, content: [] });
    expect(findWorkspace(resolvePaths({ HOME: t.home, CLAWFT_HOME: clawftHome }, elsewhere))).toBeNull();
  });

  it('falls back to the cwd and lists what it would load', () => {
    mkdirSync(path.join(t.project, '.agents', 'skills'), { recursive: true });
    writeFileSync(path.join(t.project, 'SOUL.md'), 'be kind');
    expect(findWorkspace(t.paths())).toEqual({ root: t.project, marked: false, content: [path.join('.agents', 'skills'), 'SOUL.md'] });
  });

  it('ignores a .clawft that is a file, and a SOUL.md that is a folder', () => {
    writeFileSync(path.join(t.project, '.clawft'), '');
    mkdirSync(path.join(t.project, 'SOUL.md'));
    expect(findWorkspace(t.paths())).toEqual({ root: t.project, marked: false, content: [] });
  });

  it('compares real paths: a symlinked HOME still stops the search', () => {
    const link = path.join(t.root, 'home-link');
    symlinkSync(t.home, link);
    const paths = resolvePaths({ HOME: link, CLAWFT_HOME: path.join(link, '.clawft') }, t.home);
    expect(findWorkspace(paths)).toBeNull();
  });
});

describe('paths', () => {
  it('defaults CLAWFT_HOME to ~/.clawft and expands ~ in it', () => {
    expect(resolvePaths({ HOME: '/h' }, '/h/p').clawftHome).toBe('/h/.clawft');
    expect(resolvePaths({ HOME: '/h', CLAWFT_HOME: '~/state' }, '/x').clawftHome).toBe('/h/state');
    expect(resolvePaths({ HOME: '/h', CLAWFT_HOME: 'rel' }, '/x').clawftHome).toBe('/x/rel');
    expect(resolvePaths({ HOME: '/h', CLAWFT_HOME: '/abs' }, '/x').approvalsFile).toBe('/abs/approvals.json');
  });
});
