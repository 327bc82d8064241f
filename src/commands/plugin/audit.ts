import { UsageError } from '../../plugin/errors.js';
import { ExitCode } from '../../plugin/exit-codes.js';
import { auditDir, readAudit } from '../../sandbox/audit/index.js';
import type { CommandInput } from '../command.js';
import { emit } from '../report.js';

/** `weft plugin audit <id>`: every host call the plugin made, newest last. */
export async function auditCommand(input: CommandInput): Promise<number> {
  const id = input.args[1];
  if (!id || input.args.length > 2) throw new UsageError('weft plugin audit takes one plugin id', 'Usage: weft plugin audit <id>');
  const records = await readAudit(auditDir(input.paths.clawftHome), id);
  emit(input, records, (list) => (list.length === 0 ? `no host calls recorded for ${id}` : list.map((r) =>
    `${r.ts}  ${r.fn.padEnd(12)} ${r.allowed ? 'allowed' : 'DENIED '} ${r.target}${r.count > 1 ? ` (x${r.count})` : ''}${r.reason ? `  ${r.reason}` : ''}  ${r.duration_ms} ms`).join('\n')));
  return ExitCode.ok;
}
