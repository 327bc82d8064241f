/**
 * Which addresses a plugin may connect to: public unicast only. Built on
 * ipaddr.js ranges and deny-by-default: anything ipaddr does not call
 * `unicast` is refused (private, loopback, link-local, CGNAT, multicast,
 * unspecified, broadcast, reserved, documentation, 6to4/Teredo/NAT64 that
 * embed IPv4, …), IPv4-mapped IPv6 is judged as the IPv4 it carries, IPv6
 * must also lie in global unicast 2000::/3 (which excludes the deprecated
 * IPv4-compatible ::a.b.c.d), and known metadata endpoints are named.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Cloud metadata services, refused by name even where a range would allow them. */
const METADATA = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, DigitalOcean …
  '169.254.170.2', // AWS ECS task credentials
  '169.254.170.23', // AWS EKS pod identity
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud (classic)
  '168.63.129.16', // Azure wire server: public-looking, reaches the host
  'fd00:ec2::254', // AWS IMDS over IPv6
  'fd00:ec2::23', // AWS EKS pod identity over IPv6
]);

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'a private address',
  uniqueLocal: 'a unique-local address (fc00::/7)',
  reserved: 'a reserved or documentation address',
};

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/** Why `address` is refused, or undefined when it is public unicast. */
export function refusedAddress(address: string): string | undefined {
  if (!isIP(address)) return 'not an IP address';
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return 'not an IP address';
  }
  if (METADATA.has(parsed.toString())) return 'a cloud metadata address';
  const range = parsed.range();
  if (range !== 'unicast') return RANGE_NAMES[range] ?? `a special-purpose address (${range})`;
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST)) return 'an IPv6 address outside global unicast (2000::/3)';
  return undefined;
}

/** Same address, any spelling (IPv4-mapped IPv6 equals its IPv4). */
export function sameAddress(a: string, b: string): boolean {
  if (!isIP(a) || !isIP(b)) return false;
  try {
    return ipaddr.process(a).toString() === ipaddr.process(b).toString();
  } catch {
    return false;
  }
}

export function family(address: string): 4 | 6 {
  return isIP(address) === 6 ? 6 : 4;
}

/** Parses an 'IP:PORT' or '[IPv6]:PORT' exception entry; undefined when malformed. */
export function parseAddressPort(entry: string): { address: string; port: number } | undefined {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(entry) ?? /^([^:[\]]+):(\d{1,5})$/.exec(entry);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (!isIP(m[1]!) || port < 1 || port > 65535) return undefined;
  return { address: m[1]!, port };
}
