import path from 'node:path';
import { realOrResolved } from '../config/paths.js';
import { findWorkspace } from '../config/workspace.js';
import { ApprovalsStore } from '../plugin/approvals/index.js';
import { UsageError, WeftError } from '../plugin/errors.js';
import { ExitCode } from '../plugin/exit-codes.js';
import type { TrustEntryJson } from '../plugin/output.js';
import type { CommandInput, CommandModule } from './command.js';
import { emit } from './report.js';

/** The folder to act on: the argument, else the current workspace. */
function targetDir(input: CommandInput): string {
  const [dir, extra] = input.args;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`, `Usage: ${command.usage}`);
  if (dir !== undefined) return path.resolve(input.paths.cwd, dir);
  const workspace = findWorkspace(input.paths);
  if (!workspace) {
    throw new WeftError(`${input.paths.cwd} is not a workspace: your home directory and the parent of CLAWFT_HOME never are`,
      { code: 'no-workspace', value: input.paths.cwd, fix: 'cd into a project folder, or name one: `weft trust <dir>`.' });
  }
  return workspace.root;
}

function refuseHome(input: CommandInput, dir: string): void {
  const real = realOrResolved(dir);
  const never = [input.paths.home, path.dirname(input.paths.clawftHome)].map(realOrResolved);
  if (never.includes(real)) {
    throw new WeftError(`${dir} cannot be trusted as a workspace: it is your home directory or the parent of CLAWFT_HOME`,
      { code: 'home-not-workspace', value: dir, fix: 'Trust a project folder below it instead.' });
  }
}

const command: CommandModule = {
  name: 'trust',
  usage: 'weft trust [dir] | weft trust --revoke [dir] | weft trust --list',
  description: 'Trust a workspace so weft loads its skills, plugins, SOUL.md and config; revoke that trust; or list trusted workspaces. [dir] defaults to the current workspace.',
  flags: {
    revoke: { type: 'boolean', description: 'take trust back' },
    list: { type: 'boolean', description: 'list trusted workspaces' },
  },
  async run(input) {
    const store = new ApprovalsStore(input.paths.approvalsFile);
    if (input.flags.list) {
      if (input.args.length > 0 || input.flags.revoke) throw new UsageError('--list takes no directory and no --revoke', `Usage: ${command.usage}`);
      const entries: TrustEntryJson[] = (await store.listTrustedWorkspaces()).map((w) => ({ path: w.path, trusted: true, grantedAt: w.trustedAt }));
      emit(input, entries, (list) => list.length === 0 ? 'no trusted workspaces' : list.map((e) => `${e.path}  (since ${e.grantedAt})`).join('\n'));
      return ExitCode.ok;
    }
    const dir = targetDir(input);
    if (input.flags.revoke) {
      const removed = await store.revokeWorkspace(dir);
      const entry: TrustEntryJson = { path: realOrResolved(dir), trusted: false };
      emit(input, entry, (e) => removed ? `revoked trust in ${e.path}` : `${e.path} was not trusted; nothing to revoke`);
      return ExitCode.ok;
    }
    refuseHome(input, dir);
    const record = await store.trustWorkspace(dir);
    const entry: TrustEntryJson = { path: record.path, trusted: true, grantedAt: record.trustedAt };
    emit(input, entry, (e) => `trusted ${e.path}`);
    return ExitCode.ok;
  },
};

export default command;
