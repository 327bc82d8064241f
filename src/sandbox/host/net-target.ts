/**
 * One hop's destination, checked: scheme, host allowlist, then the address
 * (the literal, or every address one lookup returns). The result carries
 * the single address the connection must use, so nothing resolves twice
 * (no DNS rebinding between check and connect).
 *
 * Decisions: the allowlist is matched on the WHATWG-normalised host name
 * (`http://2130706433/` is `127.0.0.1`), wildcards never match IP literals,
 * credentials in URLs and trailing-dot names are refused. The user's
 * `allowAddresses` exception lifts only the private-address rule, only for
 * an IP literal (any spelling of that address) on that exact port, and the
 * host must still be on the manifest allowlist; names such as `localhost`
 * never match it.
 */
import dns from 'node:dns';
import { isIP } from 'node:net';
import { hostCovers } from '../../plugin/manifest/coverage.js';
import { family, parseAddressPort, refusedAddress, sameAddress } from './net-address.js';
import type { HostContext, LookupFn } from './types.js';

export interface Target {
  url: URL;
  /** Lowercase host name, or the IP literal without brackets. */
  hostname: string;
  port: number;
  tls: boolean;
  literal: boolean;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const defaultLookup: LookupFn = (hostname, options) => dns.promises.lookup(hostname, { ...options, verbatim: true });

export function checkUrl(ctx: HostContext, raw: string | URL): Checked<Target> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'the URL is not valid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `the scheme "${url.protocol}" is refused; only http and https` };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are refused; send them in a header' };
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (hostname === '') return { ok: false, reason: 'the URL has no host' };
  if (hostname.endsWith('.')) return { ok: false, reason: `"${hostname}" ends with a dot; write the host without it` };
  const literal = isIP(hostname) !== 0;
  // WHATWG URLs allow `*` and other odd characters in hosts; a name we
  // match against the allowlist and hand to DNS is letters, digits, - and _.
  if (!literal && !/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/.test(hostname)) return { ok: false, reason: `"${hostname}" is not a valid host name` };
  const listed = ctx.granted.network.some((pattern) =>
    literal ? sameAddress(pattern, hostname) : !isIP(pattern) && hostCovers(pattern.toLowerCase(), hostname));
  if (!listed) {
    const allowed = ctx.granted.network.join(', ') || 'none';
    return { ok: false, reason: `"${hostname}" is not on this plugin's network allowlist (allowed: ${allowed})` };
  }
  const tls = url.protocol === 'https:';
  const port = url.port === '' ? (tls ? 443 : 80) : Number(url.port);
  return { ok: true, value: { url, hostname, port, tls, literal } };
}

/** True when the user's config lets this plugin reach exactly this address and port. */
function excepted(ctx: HostContext, address: string, port: number): boolean {
  return (ctx.allowAddresses ?? []).some((entry) => {
    const parsed = parseAddressPort(entry);
    return parsed !== undefined && parsed.port === port && sameAddress(parsed.address, address);
  });
}

const PRIVATE_HINT = 'plugins may only reach public addresses';

/** The one address to connect to, after exactly one lookup (none for literals). */
export async function resolveTarget(ctx: HostContext, target: Target): Promise<Checked<{ address: string; family: 4 | 6 }>> {
  if (target.literal) {
    const refused = refusedAddress(target.hostname);
    if (refused && !excepted(ctx, target.hostname, target.port)) {
      return { ok: false, reason: `${target.hostname} is ${refused}; ${PRIVATE_HINT}` };
    }
    return { ok: true, value: { address: target.hostname, family: family(target.hostname) } };
  }
  let addresses: Array<{ address: string }>;
  try {
    addresses = await (ctx.lookup ?? defaultLookup)(target.hostname, { all: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'lookup failed';
    return { ok: false, reason: `"${target.hostname}" could not be resolved (${code})` };
  }
  if (!Array.isArray(addresses) || addresses.length === 0) return { ok: false, reason: `"${target.hostname}" resolved to no address` };
  // Every address is checked, not just the one used: a name that mixes
  // public and private answers is refused as a whole.
  for (const { address } of addresses) {
    const refused = refusedAddress(String(address));
    if (refused) return { ok: false, reason: `"${target.hostname}" resolves to ${refused}; ${PRIVATE_HINT}` };
  }
  const address = String(addresses[0]!.address);
  return { ok: true, value: { address, family: family(address) } };
}
