import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolvePaths, type WeftPaths } from '../../src/config/paths.js';

/** A throwaway `$HOME` with `$CLAWFT_HOME` inside it, and a project folder. */
export interface TempHome {
  root: string;
  home: string;
  clawftHome: string;
  project: string;
  env: NodeJS.ProcessEnv;
  paths(cwd?: string): WeftPaths;
  cleanup(): void;
}

export function makeTempHome(): TempHome {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'weft-test-')));
  const home = path.join(root, 'home');
  const clawftHome = path.join(home, '.clawft');
  const project = path.join(home, 'work', 'project');
  mkdirSync(project, { recursive: true });
  const env = { ...process.env, HOME: home, CLAWFT_HOME: clawftHome };
  return {
    root, home, clawftHome, project, env,
    paths: (cwd = project) => resolvePaths({ HOME: home, CLAWFT_HOME: clawftHome }, cwd),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
