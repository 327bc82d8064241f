import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The directories weft works from, resolved once per process. */
export interface WeftPaths {
  /** `$HOME`: what `~` means everywhere. */
  home: string;
  /** `$CLAWFT_HOME`, default `~/.clawft`. */
  clawftHome: string;
  cwd: string;
  configFile: string;
  approvalsFile: string;
}

/** `~` and `~/…` mean `$HOME`; anything else is resolved against `base`. */
export function expandHome(p: string, home: string, base: string = process.cwd()): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return path.join(home, p.slice(2));
  return path.resolve(base, p);
}

/** realpath when the path exists, else the resolved path: for comparisons. */
export function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): WeftPaths {
  const home = path.resolve(env.HOME && env.HOME.length > 0 ? env.HOME : homedir());
  const clawftHome = env.CLAWFT_HOME && env.CLAWFT_HOME.length > 0
    ? expandHome(env.CLAWFT_HOME, home, cwd)
    : path.join(home, '.clawft');
  return {
    home,
    clawftHome,
    cwd: path.resolve(cwd),
    configFile: path.join(clawftHome, 'config.json'),
    approvalsFile: path.join(clawftHome, 'approvals.json'),
  };
}
