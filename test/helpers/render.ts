/**
 * In-process UI tests: ink-testing-library behind one helper, with act()
 * around everything that changes state and a waitFor that polls the frame
 * (lastFrame() is stale right after stdin.write).
 */
import { act, createElement, type ReactElement } from 'react';
import { render } from 'ink-testing-library';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  frame(): string;
  /** Every frame drawn so far, joined (what scrolled into <Static> included). */
  frames(): string;
  press(input: string): Promise<void>;
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Polls `check` inside act() (so updates from timers and registry events land in it). */
  until(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  unmount(): void;
}

export async function renderUi(element: ReactElement): Promise<Rendered> {
  let instance!: ReturnType<typeof render>;
  await act(async () => { instance = render(element); });
  const frame = (): string => instance.lastFrame() ?? '';
  return {
    frame,
    frames: () => instance.frames.join('\n'),
    press: async (input) => { await act(async () => { instance.stdin.write(input); await new Promise((r) => setTimeout(r, 20)); }); },
    waitFor: async (pattern, timeoutMs = 5000) => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const all = instance.frames.join('\n');
        if (typeof pattern === 'string' ? all.includes(pattern) : pattern.test(all)) return frame();
        if (Date.now() > end) throw new Error(`timed out waiting for ${String(pattern)}; last frame:\n${frame()}`);
        await act(async () => { await new Promise((r) => setTimeout(r, 20)); });
      }
    },
    until: async (check, what, timeoutMs = 5000) => {
      const end = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last frame:\n${frame()}`);
        await act(async () => { await new Promise((r) => setTimeout(r, 20)); });
      }
    },
    unmount: () => { act(() => { instance.unmount(); }); },
  };
}

export { createElement };
