import { Box, Text } from 'ink';
import { plain } from '../plugin/plain.js';
import type { Entry } from './controller.js';

/** One finished item of the history (drawn once, in <Static>). */
export function EntryView({ entry }: { entry: Entry }) {
  switch (entry.kind) {
    case 'input':
      return <Text color="gray">{`› ${plain(entry.text)}`}</Text>;
    case 'error':
      return (
        <Box flexDirection="column">
          <Text color="red">{`✗ ${plain(entry.text)}`}</Text>
          {entry.fix ? <Text color="yellow">{`  fix: ${plain(entry.fix)}`}</Text> : null}
        </Box>
      );
    case 'notice':
      return <Text color="yellow">{plain(entry.text)}</Text>;
    default:
      return <Text>{plain(entry.text.replace(/\n$/, ''))}</Text>;
  }
}
