import { Box, Text, useInput } from 'ink';
import { plain } from '../plugin/plain.js';
import type { GrantableApproval } from '../slash/index.js';
import type { Answer } from './controller.js';

const WHAT: Record<GrantableApproval['kind'], string> = {
  'native-skill': 'runs a native command on this machine',
  plugin: 'is a plugin asking for permissions',
  workspace: 'is a workspace to trust',
};

/** Allow once / always / deny. Esc or Ctrl-C (handled by the app) deny, this once. */
export function ApprovalPrompt({ approval, onAnswer }: { approval: GrantableApproval; onAnswer: (a: Answer) => void }) {
  useInput((input, key) => {
    if (key.escape) onAnswer('deny');
    else if (input === 'o' || input === 'y') onAnswer('once');
    else if (input === 'a') onAnswer('always');
    else if (input === 'd' || input === 'n') onAnswer('deny');
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text>{plain(`Approve ${approval.subject}? It ${WHAT[approval.kind]}:`)}</Text>
      <Text>{plain(`  ${approval.summary}`)}</Text>
      <Text>
        <Text color="green">[o]</Text> allow once  <Text color="green">[a]</Text> always  <Text color="red">[d]</Text> deny  (Esc denies)
      </Text>
    </Box>
  );
}
