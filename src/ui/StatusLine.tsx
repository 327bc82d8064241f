import { Box, Text } from 'ink';
import { plain } from '../plugin/plain.js';
import type { StatusFacts } from '../slash/index.js';

export interface StatusLineProps {
  status: StatusFacts;
  /** Names under dispute, shown in full so the error stays in sight. */
  conflicts: readonly string[];
  reloading: boolean;
  reloaded: boolean;
}

/** One line of live registry state under the prompt. */
export function StatusLine({ status, conflicts, reloading, reloaded }: StatusLineProps) {
  return (
    <Box>
      <Text dimColor>
        {`weft · gen ${status.generation}${reloading ? ' (reloading…)' : reloaded ? ' (reloaded)' : ''} · ${status.skills} skill${status.skills === 1 ? '' : 's'} · ${status.plugins} plugin${status.plugins === 1 ? '' : 's'}${status.model ? plain(` · ${status.model}`) : ''}`}
      </Text>
      {status.errors > 0 ? <Text color="red">{` · ${status.errors} error${status.errors === 1 ? '' : 's'}`}</Text> : null}
      {conflicts.length > 0 ? <Text color="red">{plain(` · name conflict: ${conflicts.map((c) => `/${c}`).join(', ')} (see /help)`)}</Text> : null}
      {status.pending > 0 ? <Text color="yellow">{` · ${status.pending} pending approval${status.pending === 1 ? '' : 's'} (/approve)`}</Text> : null}
      {status.workspace?.trust === 'untrusted' ? <Text color="yellow"> · workspace not trusted (/trust)</Text> : null}
    </Box>
  );
}
