import { Text } from 'ink';
import { useEffect, useState } from 'react';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner with the elapsed time, for work that takes a while. */
export function Running({ input, startedAt }: { input: string; startedAt: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.max(0, now - startedAt);
  return <Text color="cyan">{`${FRAMES[Math.floor(elapsed / 100) % FRAMES.length]} ${input}  ${(elapsed / 1000).toFixed(1)}s  (Ctrl-C cancels)`}</Text>;
}
