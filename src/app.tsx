/**
 * The REPL: history in <Static>, a small live region (prompt or spinner or
 * approval, then the status line). State lives in the ReplController; this
 * only draws it and turns keys into its calls.
 */
import { Box, Static, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { LiveRegistry } from './registry/index.js';
import { ApprovalPrompt } from './ui/ApprovalPrompt.js';
import { commonPrefix, completions } from './ui/completion.js';
import type { ReplController } from './ui/controller.js';
import { EntryView } from './ui/EntryView.js';
import { Prompt } from './ui/Prompt.js';
import { Running } from './ui/Running.js';
import { StatusLine } from './ui/StatusLine.js';

export const READY_MARKER = '__READY__';
const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

export function App({ controller, registry, readyMarker }: { controller: ReplController; registry: LiveRegistry; readyMarker: boolean }) {
  const state = useSyncExternalStore((cb) => controller.subscribe(cb), () => controller.current);
  const { exit } = useApp();
  const { write } = useStdout();
  const [value, setValue] = useState('');
  const [back, setBack] = useState(0); // how far up the history the line is (0: a new line)

  useEffect(() => { if (readyMarker) write(`${READY_MARKER}\n`); }, []);
  useEffect(() => { if (state.exited) exit(); }, [state.exited]);
  useEffect(() => { if (state.clears > 0) write(CLEAR_SCREEN); }, [state.clears]);

  const snapshot = registry.current();
  const commands = controller.commands();
  const offered = useMemo(() => completions(value, commands, snapshot), [value, commands, snapshot]);
  const busy = Boolean(state.running || state.approval);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      const outcome = controller.interrupt(value === '');
      if (outcome === 'cleared') setValue('');
      return;
    }
    if (busy) return;
    if (key.ctrl) {
      // ink-text-input types the letter of any Ctrl key but C: put the line back as it was.
      if (input === 'd' && value === '') controller.exit();
      else setValue(value);
      return;
    }
    if (key.tab && offered.length > 0) { setValue(offered.length === 1 ? offered[0]!.line : commonPrefix(offered) || value); return; }
    const entries = controller.history.entries;
    if (key.upArrow && back < entries.length) { setBack(back + 1); setValue(entries[entries.length - back - 1]!); }
    if (key.downArrow && back > 0) { setBack(back - 1); setValue(back - 1 === 0 ? '' : entries[entries.length - back + 1]!); }
  });

  const submit = (line: string): void => {
    setValue('');
    setBack(0);
    void controller.submit(line);
  };

  return (
    <>
      <Static key={state.clears} items={state.entries}>{(e) => <EntryView key={e.id} entry={e} />}</Static>
      <Box flexDirection="column">
        {state.approval
          ? <ApprovalPrompt approval={state.approval.approval} onAnswer={(a) => controller.answer(a)} />
          : state.running
            ? <Running input={state.running.input} startedAt={state.running.startedAt} output={state.running.output} />
            : <Prompt value={value} onChange={(v) => { setValue(v); setBack(0); controller.disarm(); }} onSubmit={submit} completions={offered} exitArmed={state.exitArmed} />}
        <StatusLine status={state.status} conflicts={commands.conflicts.map((c) => c.name)} reloading={state.reloading} reloaded={state.reloadedAt !== undefined} />
      </Box>
    </>
  );
}
