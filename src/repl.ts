/**
 * Starting the REPL: the live registry (watching), history, the controller,
 * then Ink. The ready marker (WEFT_READY_MARKER=1) is printed once the first
 * snapshot is published and the prompt is drawn.
 */
import path from 'node:path';
import { createElement } from 'react';
import { render } from 'ink';
import { Agent } from './agent/index.js';
import type { WeftPaths } from './config/paths.js';
import { ApprovalsStore } from './plugin/approvals/index.js';
import { plain } from './plugin/plain.js';
import { LiveRegistry } from './registry/index.js';
import { App } from './app.js';
import { ReplController } from './ui/controller.js';
import { History } from './ui/history.js';

/** Which conversation to open: the latest one here (--continue) or one by id (--resume). */
export type ResumeRequest = { latest: true } | { id: string };

export async function startRepl(paths: WeftPaths, stderr: NodeJS.WritableStream, resume?: ResumeRequest): Promise<number> {
  const registry = new LiveRegistry({
    paths, approvals: new ApprovalsStore(paths.approvalsFile), watchInBackground: true,
    onPluginLog: (plugin, level, message) => stderr.write(`[${plugin} ${level}] ${plain(message)}\n`),
  });
  await registry.start();
  const agent = new Agent({ registry, paths });
  let resumed: Awaited<ReturnType<Agent['resume']>> | undefined;
  try {
    if (resume) resumed = await ('latest' in resume ? agent.continueLatest() : agent.resume(resume.id));
  } catch (error) {
    await registry.stop();
    throw error; // before the screen is taken: the CLI prints it with its fix
  }
  const controller = new ReplController(registry, new History(path.join(paths.clawftHome, 'history')), agent);
  if (resumed) controller.notice(`continuing ${resumed.id} (${resumed.messages.length} messages): ${resumed.title}`);
  const app = render(createElement(App, { controller, registry, readyMarker: process.env.WEFT_READY_MARKER === '1' }), { exitOnCtrlC: false });
  try {
    await app.waitUntilExit();
  } finally {
    controller.exit();
    await controller.close();
    await registry.stop();
  }
  return 0;
}
