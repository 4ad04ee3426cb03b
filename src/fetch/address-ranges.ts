// Which IP addresses count as "public": the IANA special-purpose registries, read as "not globally
// routable means refused". IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4, Teredo) are
// judged by the IPv4 address inside, so [64:ff9b::7f00:1] is loopback, not a public IPv6 address.
import ipaddr from 'ipaddr.js';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;
type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

type AddressClass = { global: true } | { global: false; range: string };

function table(entries: ReadonlyArray<[string, string]>): Array<{ cidr: Cidr; range: string }> {
  return entries.map(([cidr, range]) => ({ cidr: ipaddr.parseCIDR(cidr), range }));
}

const nonGlobalIPv4 = table([
  ['0.0.0.0/8', 'this network'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', '6to4 relay anycast'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
]);

// Only 2000::/3 is allocated as global unicast; everything outside it is refused, and these
// entries only name the reason more precisely.
const globalUnicastIPv6 = ipaddr.parseCIDR('2000::/3');
const namedIPv6 = table([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'IPv4-compatible (deprecated)'],
  ['::ffff:0:0:0/96', 'IPv4-translated'],
  ['64:ff9b:1::/48', 'local-use NAT64'],
  ['100::/64', 'discard-only'],
  ['fc00::/7', 'unique local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast'],
  ['2001:db8::/32', 'documentation'],
  ['2001::/23', 'IETF protocol assignments'],
  ['3fff::/20', 'documentation'],
]);

const ipv4Mapped = ipaddr.parseCIDR('::ffff:0:0/96');
const nat64 = ipaddr.parseCIDR('64:ff9b::/96');
const sixToFour = ipaddr.parseCIDR('2002::/16');
const teredo = ipaddr.parseCIDR('2001::/32');

function matches(address: IPv4 | IPv6, cidr: Cidr): boolean {
  return address.kind() === cidr[0].kind() && address.match(cidr);
}

function ipv4From(high: number, low: number): IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** Parses an address in its canonical text forms only (no octal, hex or short IPv4, no zone id). */
export function parseStrictAddress(text: string): IPv4 | IPv6 | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (!bare.includes('%') && ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare);
  return null;
}

function classifyIPv4(address: IPv4): AddressClass {
  const hit = nonGlobalIPv4.find((entry) => matches(address, entry.cidr));
  return hit ? { global: false, range: hit.range } : { global: true };
}

/** The IPv4 addresses an IPv6 address stands for, when it is one of the tunnelling forms. */
function embeddedIPv4(address: IPv6): IPv4[] | null {
  const p = address.parts.map((part) => part & 0xffff);
  if (matches(address, ipv4Mapped) || matches(address, nat64)) return [ipv4From(p[6]!, p[7]!)];
  if (matches(address, sixToFour)) return [ipv4From(p[1]!, p[2]!)];
  // Teredo: server address in bits 32-63, client address inverted in the last 32 bits.
  if (matches(address, teredo)) {
    return [ipv4From(p[2]!, p[3]!), ipv4From(~p[6]! & 0xffff, ~p[7]! & 0xffff)];
  }
  return null;
}

function classifyIPv6(address: IPv6): AddressClass {
  const inner = embeddedIPv4(address);
  if (inner) {
    for (const ipv4 of inner) {
      const verdict = classifyIPv4(ipv4);
      if (!verdict.global) return { global: false, range: `${verdict.range}, embedded in IPv6` };
    }
    return { global: true };
  }
  const named = namedIPv6.find((entry) => matches(address, entry.cidr));
  if (named) return { global: false, range: named.range };
  if (!matches(address, globalUnicastIPv6)) return { global: false, range: 'not global unicast' };
  return { global: true };
}

export function classifyAddress(address: IPv4 | IPv6): AddressClass {
  return address.kind() === 'ipv4' ? classifyIPv4(address as IPv4) : classifyIPv6(address as IPv6);
}

/** True only for a canonical IP address that is globally routable; anything unparsable is false. */
export function isGlobalAddress(ip: string): boolean {
  const address = parseStrictAddress(ip);
  return address !== null && classifyAddress(address).global;
}

const parsedRanges = new Map<string, Cidr>();

/** Parses an operator's CIDR opt-in list; throws on a malformed entry so config fails loudly. */
export function parseCidrList(cidrs: readonly string[]): Cidr[] {
  return cidrs.map((text) => {
    let cidr = parsedRanges.get(text);
    if (!cidr) {
      if (!ipaddr.isValidCIDR(text)) throw new Error(`"${text}" is not a valid CIDR range`);
      cidr = ipaddr.parseCIDR(text);
      parsedRanges.set(text, cidr);
    }
    return cidr;
  });
}

/** True when the address lies in one of the ranges (an IPv4-mapped address also matches IPv4). */
export function isInRanges(address: IPv4 | IPv6, ranges: readonly Cidr[]): boolean {
  const forms: Array<IPv4 | IPv6> = [address];
  if (address.kind() === 'ipv6' && (address as IPv6).isIPv4MappedAddress()) {
    forms.push((address as IPv6).toIPv4Address());
  }
  return ranges.some((cidr) => forms.some((form) => matches(form, cidr)));
}
