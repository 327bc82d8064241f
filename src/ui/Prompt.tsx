import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { plain } from '../plugin/plain.js';
import type { Completion } from './completion.js';

export interface PromptProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  completions: readonly Completion[];
  exitArmed: boolean;
}

/** The input line, the completions for what is typed, and the exit hint. */
export function Prompt({ value, onChange, onSubmit, completions, exitArmed }: PromptProps) {
  return (
    <Box flexDirection="column">
      <Box>
        <Text color="green">{'› '}</Text>
        <TextInput value={value} onChange={onChange} onSubmit={onSubmit} placeholder="a message, or /help" />
      </Box>
      {completions.map((c) => (
        <Text key={c.line} dimColor>{plain(`  ${c.label}${c.description ? `  ${c.description.slice(0, 70)}` : ''}`)}</Text>
      ))}
      {exitArmed ? <Text color="yellow">press Ctrl-C again to exit</Text> : null}
    </Box>
  );
}
