import { ApprovalsStore } from '../../plugin/approvals/index.js';
import { formatDiagnostic } from '../../plugin/diagnostic.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import type { RegistryEvent } from '../../registry/index.js';
import { LiveRegistry } from '../../registry/index.js';
import type { CommandInput } from '../command.js';
import { plain } from '../report.js';

function eventText(e: RegistryEvent): string {
  switch (e.type) {
    case 'reloaded': return `generation ${e.generation}: ${e.changes} change(s)`;
    case 'diagnostics': return e.diagnostics.map((d) => plain(formatDiagnostic(d))).join('\n') || `generation ${e.generation}: no problems`;
    default: return `${e.type} ${e.kind} ${plain(e.id)}`;
  }
}

/**
 * `weft skill watch [--json]`: the registry's change feed as it happens,
 * one JSON object per line with --json (not the one-envelope form: it
 * streams). Runs until Ctrl-C, which is the normal way to end it (exit 0).
 */
export async function watchSkills(input: CommandInput): Promise<number> {
  const registry = new LiveRegistry({ paths: input.paths, approvals: new ApprovalsStore(input.paths.approvalsFile) });
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  try {
    const first = await registry.start();
    const ready = { type: 'ready', generation: first.id, skills: first.skills.active.size, tools: first.tools.length, watching: registry.watchedRoots };
    input.stdout.write(input.json ? `${JSON.stringify(ready)}\n` : `watching ${registry.watchedRoots.length} location(s); generation ${first.id}: ${ready.skills} skill(s), ${ready.tools} tool(s). Ctrl-C to stop.\n`);
    for await (const event of registry.events(stop.signal)) {
      input.stdout.write(input.json ? `${JSON.stringify(event)}\n` : `${eventText(event)}\n`);
    }
    return ExitCode.ok;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await registry.stop();
  }
}
