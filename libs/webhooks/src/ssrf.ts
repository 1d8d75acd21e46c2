import ipaddr from 'ipaddr.js';

/**
 * SSRF guard for webhook targets (pure: no DNS, no I/O). An address is deliverable only when it is
 * global unicast; everything else — private (10/8, 172.16/12, 192.168/16, fc00::/7), loopback,
 * link-local (169.254/16 with the cloud metadata address, fe80::/10), unspecified (0/8, ::),
 * multicast, broadcast, CGNAT (100.64/10), reserved and documentation ranges, NAT64/6to4/Teredo
 * and IPv4-compatible (::/96) forms that embed an IPv4 address — is refused unless the operator allows it in config
 * (`WEBHOOK_ALLOWED_HOSTS`). IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is judged as the IPv4 address.
 */
export type AddressVerdict = { allowed: true; address: string } | { allowed: false; address: string; range: string };

/** One allow-list entry: a host name or an IP/CIDR, optionally with a port (`host:port`, `[v6]:port`). */
export type AllowEntry =
  | { kind: 'host'; /** lower case; an IP in canonical form */ host: string; port: number | null }
  | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port: number | null };

/** Strips the brackets WHATWG URL keeps around IPv6 literals (`[::1]` → `::1`). */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The address as an IP when it is one (IPv4-mapped IPv6 unwrapped to IPv4), else null. */
export function parseIp(host: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const raw = unbracket(host);
  if (!ipaddr.isValid(raw)) return null;
  // Only canonical forms: WHATWG URL has already turned `0x7f.1`, `2130706433`, `0177.0.0.1` into dotted quads.
  const parsed = ipaddr.parse(raw);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

/** IPv4-compatible IPv6 (`::a.b.c.d`, deprecated): ipaddr.js calls it `unicast`, but it carries an IPv4 address. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96') as [ipaddr.IPv6, number];

/** ipaddr.js's range name, with `::/96` (other than `::` and `::1`) as `ipv4Compatible`. */
function rangeOf(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  const range = ip.range();
  return range === 'unicast' && ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).match(IPV4_COMPATIBLE)
    ? 'ipv4Compatible'
    : range;
}

/** The range name of an IP (`unicast` = global, deliverable); `invalid` when it is not an IP at all. */
export function addressRange(address: string): string {
  const ip = parseIp(address);
  return ip ? rangeOf(ip) : 'invalid';
}

/** Whether an IP is a deliverable (global unicast) address, ignoring any allow list. */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

function parsePort(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) throw new Error(`bad port "${text}"`);
  return Number(text);
}

/**
 * Parses one `WEBHOOK_ALLOWED_HOSTS` entry; throws on nonsense so the process refuses bad config.
 * An entry without `/` names a host as written in the URL (a name or an IP literal, optionally with a
 * port): `127.0.0.1` allows `http://127.0.0.1:8080/` but not `http://localhost/`. An entry with `/` is
 * a CIDR matched against the address actually connected to: `127.0.0.0/8` also allows `localhost`.
 */
export function parseAllowEntry(entry: string): AllowEntry {
  const text = entry.trim().toLowerCase();
  if (!text) throw new Error('empty entry');
  if (text.includes('/')) return { kind: 'cidr', range: ipaddr.parseCIDR(text), port: null };
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    const ip = ipaddr.parse(bracketed[1]);
    return { kind: 'host', host: parseIp(ip.toString())!.toString(), port: parsePort(bracketed[2]) };
  }
  if (ipaddr.IPv6.isValid(text) && text.includes(':') && !/^[0-9.]+:\d+$/.test(text)) {
    return { kind: 'host', host: parseIp(text)!.toString(), port: null }; // a bare IPv6 has no port
  }
  const hostPort = /^([a-z0-9.-]+)(?::(\d+))?$/.exec(text);
  if (!hostPort) throw new Error(`not a host, host:port or CIDR: "${entry}"`);
  const ip = ipaddr.IPv4.isValidFourPartDecimal(hostPort[1]) ? ipaddr.IPv4.parse(hostPort[1]) : null;
  return { kind: 'host', host: ip ? ip.toString() : hostPort[1], port: parsePort(hostPort[2]) };
}

export function parseAllowList(entries: readonly string[]): AllowEntry[] {
  return entries.map(parseAllowEntry);
}

function inRange(ip: ipaddr.IPv4 | ipaddr.IPv6, range: AllowEntry & { kind: 'cidr' }): boolean {
  const [base, bits] = range.range;
  if (ip.kind() !== base.kind()) return false;
  return ip.match([base, bits] as [typeof ip, number]);
}

/**
 * The decision for one target: `host` as in the URL (name or IP literal), `port` the effective port,
 * `address` the IP about to be connected to (the literal itself, or what DNS answered).
 * Allowed when the address is public, when the host (with the port, if the entry names one) is on
 * the allow list, or when the address lies in an allowed CIDR (same port rule).
 */
export function judgeAddress(
  allow: readonly AllowEntry[],
  target: { host: string; port: number; address: string },
): AddressVerdict {
  const ip = parseIp(target.address);
  const address = unbracket(target.address);
  if (!ip) return { allowed: false, address, range: 'invalid' };
  const hostIp = parseIp(target.host);
  const host = hostIp ? hostIp.toString() : unbracket(target.host).toLowerCase();
  const portOk = (p: number | null) => p === null || p === target.port;
  for (const entry of allow) {
    if (!portOk(entry.port)) continue;
    if (entry.kind === 'host' && entry.host === host) return { allowed: true, address };
    if (entry.kind === 'cidr' && inRange(ip, entry)) return { allowed: true, address };
  }
  const range = rangeOf(ip);
  return range === 'unicast' ? { allowed: true, address } : { allowed: false, address, range };
}
