/**
 * The socket-creating edge. It receives an address the host has already
 * checked and connects to exactly that address (an IP, so no lookup
 * happens here). For https the certificate is verified against the URL's
 * host name, which is also sent as SNI; for IP literals against the IP.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ConnectFn, ConnectTarget } from './types.js';

/** A connector; `tlsOptions` lets tests trust a local CA (never weakens verification). */
export function createConnector(tlsOptions: Pick<tls.ConnectionOptions, 'ca'> = {}): ConnectFn {
  return (target: ConnectTarget) => {
    if (!net.isIP(target.address)) throw new Error('the connector only accepts a checked IP address');
    if (!target.tls) return net.connect({ host: target.address, port: target.port });
    return tls.connect({
      ...tlsOptions,
      host: target.address,
      port: target.port,
      ...(target.servername ? { servername: target.servername } : {}),
      // Verify against the name the plugin asked for, not the address we dialled.
      checkServerIdentity: (_host, cert) => tls.checkServerIdentity(target.servername ?? target.address, cert),
      rejectUnauthorized: true,
      ALPNProtocols: ['http/1.1'],
    });
  };
}

export const defaultConnect: ConnectFn = createConnector();
