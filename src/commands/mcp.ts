import { LiveRegistry } from '../registry/index.js';
import { UsageError } from '../plugin/errors.js';
import { ExitCode } from '../plugin/exit-codes.js';
import { weftVersion } from '../plugin/version.js';
import type { CommandInput, CommandModule } from './command.js';
import { pluginContext } from './plugin/load.js';
import { plain } from './report.js';

function portFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UsageError(`--http must be a port number from 0 to 65535, not ${String(value)}`, 'Usage: weft mcp --http <port> (0 picks a free port)');
  }
  return value;
}

function idleFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value > 0)) throw new UsageError(`--session-idle must be a positive number of seconds, not ${String(value)}`, `Usage: ${command.usage}`);
  return value * 1000;
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => { process.off('SIGINT', done); process.off('SIGTERM', done); resolve(); };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

async function run(input: CommandInput): Promise<number> {
  if (input.args.length > 0) throw new UsageError(`weft mcp takes no arguments (got "${input.args[0]}")`, `Usage: ${command.usage}`);
  const port = portFlag(input.flags.http);
  const idleMs = idleFlag(input.flags.sessionIdle);
  const ctx = await pluginContext(input); // a broken config stops here, with its own message
  const log = (line: string): void => { input.stderr.write(`${plain(line)}\n`); };
  const registry = new LiveRegistry({
    paths: input.paths, approvals: ctx.approvals, onPluginLog: (plugin, level, message) => log(`[${plugin} ${level}] ${message}`),
  });
  try {
    await registry.start();
    const version = weftVersion();
    if (port === undefined) {
      const { serveStdio } = await import('../mcp/stdio.js');
      await serveStdio(registry, version, log);
      return ExitCode.ok;
    }
    const { serveHttp } = await import('../mcp/http.js');
    const server = await serveHttp(registry, { port, version, log, ...(idleMs ? { idleMs } : {}) });
    log(`listening ${server.url}`);
    await untilSignal();
    await server.close();
    return ExitCode.ok;
  } finally {
    await registry.stop();
  }
}

const command: CommandModule = {
  name: 'mcp',
  usage: 'weft mcp [--http <port>] [--session-idle <seconds>]',
  description: 'Serve every loaded skill and plugin tool to other agents over MCP, live: stdio by default (ends when stdin closes), or Streamable HTTP on 127.0.0.1 with --http (0 picks a free port; Ctrl-C ends it).',
  flags: {
    http: { type: 'number', description: 'serve Streamable HTTP at http://127.0.0.1:<port>/mcp instead of stdio' },
    sessionIdle: { type: 'number', description: 'close an HTTP session after this many seconds with no request open (default 600)' },
  },
  run,
};

export default command;
