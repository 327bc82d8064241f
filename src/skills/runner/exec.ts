/**
 * Running one argv with no shell, under a deadline, an abort signal and an
 * output cap, and turning what happened into a ToolResult. The deadline is
 * ours rather than execa's `timeout`, because execa signals only the child:
 * we stop the whole process group (see group.ts).
 */
import { StringDecoder } from 'node:string_decoder';
import type { ToolResult } from '../../plugin/contract/tool.js';
import { KILL_GRACE_MS, ProcessGroup } from './group.js';
import { CappedOutput, OUTPUT_CAP_BYTES } from './output.js';

export interface ExecOptions {
  cwd: string;
  /** The complete environment; nothing is inherited. */
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Standard output as it arrives (for a UI to stream); the result still carries all of it. */
  onOutput?: (text: string) => void;
}

const TAIL_CHARS = 2_000;
type StopReason = 'timeout' | 'abort' | 'cap';

export async function execNative(argv: string[], opts: ExecOptions): Promise<ToolResult> {
  const { execa } = await import('execa');
  const cmd = argv[0]!;
  let reason: StopReason | undefined;
  let group: ProcessGroup | undefined;
  let forceDone = (): void => {};
  const forced = new Promise<undefined>((resolve) => { forceDone = () => resolve(undefined); });
  const stop = (why: StopReason): void => {
    if (reason) return;
    reason = why;
    group?.stop();
    // A descendant that left the group (setsid) can keep our pipes open, and
    // the subprocess would never settle: after the grace period, stop reading
    // and return anyway.
    setTimeout(() => {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
      forceDone();
    }, KILL_GRACE_MS + 500).unref();
  };
  const output = new CappedOutput(() => stop('cap'));
  const subprocess = execa(cmd, argv.slice(1), {
    shell: false,
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    // Leader of its own process group, so the group can be killed as one.
    detached: true,
    stdin: 'ignore',
    // We read the pipes ourselves, to stop at the cap instead of buffering it all.
    buffer: false,
    encoding: 'buffer',
    reject: false,
  });
  if (subprocess.pid !== undefined) group = new ProcessGroup(subprocess.pid);
  const decoder = new StringDecoder('utf8'); // a chunk may end inside a character
  subprocess.stdout?.on('data', (chunk: Uint8Array | string) => {
    output.add('stdout', chunk);
    if (opts.onOutput && !reason) opts.onOutput(typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk)));
  });
  subprocess.stderr?.on('data', (chunk: Uint8Array | string) => output.add('stderr', chunk));
  const timer = setTimeout(() => stop('timeout'), opts.timeoutMs);
  const onAbort = (): void => stop('abort');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) stop('abort');
  let result: Awaited<typeof subprocess> | undefined;
  try {
    result = await Promise.race([subprocess, forced]);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    group?.finish();
  }

  if (reason === 'abort') return { ok: false, kind: 'cancelled', error: `${cmd} was cancelled; its process group was killed.` };
  if (reason === 'timeout') {
    return { ok: false, kind: 'deadline', error: `${cmd} did not finish within the timeout of ${opts.timeoutMs} ms; its process group was killed.` };
  }
  if (reason === 'cap') {
    const notice = `\n[output truncated: ${cmd} printed more than ${OUTPUT_CAP_BYTES / 1024 / 1024} MiB and was stopped]`;
    return { ok: true, content: output.text() + notice, truncated: true };
  }
  if (!result) return { ok: false, kind: 'error', error: `${cmd} did not finish and could not be stopped cleanly.` };
  if (subprocess.pid === undefined || (result.exitCode === undefined && result.signal === undefined)) {
    return { ok: false, kind: 'error', error: spawnFailure(cmd, result.code, result.originalMessage ?? result.shortMessage, opts.env.PATH) };
  }
  if (result.exitCode !== 0) {
    const how = result.exitCode === undefined ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
    return { ok: false, kind: 'error', error: `${cmd} ${how}: ${tail(output.stderr()) || '(no error output)'}` };
  }
  return { ok: true, content: output.text() };
}

function spawnFailure(cmd: string, code: string | undefined, detail: string | undefined, path: string | undefined): string {
  const absolute = cmd.startsWith('/');
  if (code === 'ENOENT') {
    return absolute ? `${cmd} does not exist.` : `Command "${cmd}" was not found: it is not on PATH (${path ?? 'PATH is not set'}). Install it, or put its folder on PATH.`;
  }
  if (code === 'EACCES') return `${cmd} cannot be executed (permission denied): check that it is an executable file.`;
  if (code === 'E2BIG') return `${cmd} could not start: its arguments and environment are larger than the system allows (E2BIG).`;
  return `${cmd} could not start: ${detail ?? code ?? 'unknown error'}`;
}

function tail(text: string): string {
  const t = text.trim();
  return t.length <= TAIL_CHARS ? t : `…${t.slice(-TAIL_CHARS)}`;
}
