import { Box, Text } from 'ink';
import { plain } from '../plugin/plain.js';
import { useEffect, useState } from 'react';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner with the elapsed time, for work that takes a while. */
export function Running({ input, startedAt, output }: { input: string; startedAt: number; output: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.max(0, now - startedAt);
  return (
    <Box flexDirection="column">
      {output ? <Text dimColor>{plain(output.replace(/\n$/, ''))}</Text> : null}
      <Text color="cyan">{`${FRAMES[Math.floor(elapsed / 100) % FRAMES.length]} ${plain(input)}  ${(elapsed / 1000).toFixed(1)}s  (Ctrl-C cancels)`}</Text>
    </Box>
  );
}
