import { Box, Text, useStdout } from 'ink';
import { plain } from '../plugin/plain.js';
import type { Entry } from './controller.js';
import { wrapToWidth } from './wrap.js';

/** One finished item of the history (drawn once, in <Static>). */
export function EntryView({ entry }: { entry: Entry }) {
  const { stdout } = useStdout();
  const fit = (text: string): string => wrapToWidth(plain(text), stdout.columns || 80);
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
      return <Text>{fit(entry.text.replace(/\n$/, ''))}</Text>;
  }
}
