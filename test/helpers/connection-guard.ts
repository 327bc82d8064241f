/**
 * Test-wide connection guard. The rule of this workplace: tests connect to
 * 127.0.0.0/8 or ::1 only. The guard wraps the points every TCP/TLS socket
 * passes through (net.Socket.prototype.connect, net.connect,
 * net.createConnection, tls.connect), records each attempt, and refuses,
 * before the real connect runs, any target that is not a loopback literal.
 * `useConnectionGuard()` installs it for a test file and fails any test
 * during which a non-loopback connection was attempted.
 */
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export interface Attempt {
  via: 'socket.connect' | 'net.connect' | 'net.createConnection' | 'tls.connect';
  host?: string;
  port?: number;
  path?: string;
}

export interface ConnectionGuard {
  /** Every attempt since the last reset (a default-connector call shows up twice: module function, then socket). */
  readonly attempts: Attempt[];
  /** Attempts to a non-loopback target (refused). */
  readonly violations: string[];
  /** Socket-level attempts only: one per connection. */
  sockets(): Attempt[];
  reset(): void;
  uninstall(): void;
}

/** 127.0.0.0/8, ::1 and ::ffff:127.x.y.z, written as literals. Names do not count: they would need a lookup. */
export function isLoopbackLiteral(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (!net.isIPv6(h)) return false;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(h)?.[1];
  if (mapped && net.isIPv4(mapped)) return mapped.startsWith('127.');
  if (mapped) {
    const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped);
    return m !== null && Number.parseInt(m[1]!, 16) >> 8 === 127;
  }
  return false;
}

/** Pulls host/port/path out of any of the argument shapes connect() accepts. */
export function describeConnectArgs(args: unknown[]): { host?: string; port?: number; path?: string } {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // net's internal normalised [options, callback]
  if (typeof first === 'object' && first !== null) {
    const o = first as { host?: unknown; port?: unknown; path?: unknown };
    if (typeof o.path === 'string') return { path: o.path };
    return { host: typeof o.host === 'string' ? o.host : 'localhost', port: Number(o.port) };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: Number(first) };
}

export function installConnectionGuard(): ConnectionGuard {
  const attempts: Attempt[] = [];
  const violations: string[] = [];
  const check = (via: Attempt['via'], args: unknown[]): void => {
    const target = describeConnectArgs(args);
    attempts.push({ via, ...target });
    if (target.path !== undefined) return; // a local IPC socket, not the network
    if (!isLoopbackLiteral(target.host ?? '')) {
      const message = `connection guard: ${via} to ${target.host}:${target.port} refused (tests may only reach 127.0.0.0/8 or ::1)`;
      violations.push(message);
      throw new Error(message);
    }
  };
  const originals = {
    socket: net.Socket.prototype.connect,
    netConnect: net.connect,
    createConnection: net.createConnection,
    tlsConnect: tls.connect,
  };
  const wrap = <F extends (...args: never[]) => unknown>(via: Attempt['via'], original: F): F =>
    function (this: unknown, ...args: unknown[]) {
      check(via, args);
      return (original as unknown as (...a: unknown[]) => unknown).apply(this, args);
    } as unknown as F;
  net.Socket.prototype.connect = wrap('socket.connect', originals.socket);
  net.connect = wrap('net.connect', originals.netConnect);
  net.createConnection = wrap('net.createConnection', originals.createConnection);
  tls.connect = wrap('tls.connect', originals.tlsConnect);
  return {
    attempts,
    violations,
    sockets: () => attempts.filter((a) => a.via === 'socket.connect'),
    reset() {
      attempts.length = 0;
      violations.length = 0;
    },
    uninstall() {
      net.Socket.prototype.connect = originals.socket;
      net.connect = originals.netConnect;
      net.createConnection = originals.createConnection;
      tls.connect = originals.tlsConnect;
    },
  };
}

/** Installs the guard for the current test file; every test fails on a violation. */
export function useConnectionGuard(): { readonly current: ConnectionGuard } {
  const holder: { current: ConnectionGuard | undefined } = { current: undefined };
  beforeAll(() => {
    holder.current = installConnectionGuard();
  });
  afterEach(() => {
    const guard = holder.current!;
    const seen = [...guard.violations];
    guard.reset();
    expect(seen, 'non-loopback connection attempted').toEqual([]);
  });
  afterAll(() => holder.current?.uninstall());
  return {
    get current(): ConnectionGuard {
      if (!holder.current) throw new Error('connection guard not installed yet');
      return holder.current;
    },
  };
}
