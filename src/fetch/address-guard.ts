// The one gate every outgoing URL passes (vendor pages, each redirect hop, webhooks): strict syntax
// first, then every resolved address must be public unless the operator opted in. SSRF gates fail
// one encoding at a time, so this parses once with WHATWG URL and judges only its output.
import { lookup } from 'node:dns/promises';
import {
  classifyAddress,
  isInRanges,
  parseCidrList,
  parseStrictAddress,
} from './address-ranges.js';

export { isGlobalAddress } from './address-ranges.js';

export interface AddressPolicy {
  /** When true every resolvable address is allowed (tests, the simulator, trusted networks). */
  allowPrivateAddresses: boolean;
  /** CIDR ranges opted in although not public, e.g. ['127.0.0.0/8']. */
  allowedPrivateRanges?: readonly string[];
  /** Resolves a name to all its A/AAAA addresses; defaults to the system resolver. */
  resolve?: (hostname: string) => Promise<string[]>;
}

/** 'invalid': the URL itself is refused; 'blocked': an address is not allowed; 'unresolved': DNS failed. */
export type UrlRefusal = { ok: false; kind: 'invalid' | 'blocked' | 'unresolved'; reason: string };
export type UrlHost =
  | { readonly kind: 'ip'; readonly address: string }
  | { readonly kind: 'name'; readonly name: string };
export type UrlSyntaxCheck = { ok: true; url: URL; host: UrlHost } | UrlRefusal;
export type UrlCheck = { ok: true; url: URL; addresses: string[] } | UrlRefusal;

const maxUrlLength = 4096;
// WHATWG Fetch "bad ports": services no status page runs on, refused by browsers for the same reason.
const badPorts = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
]);
const hostLabel = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

function refuse(kind: UrlRefusal['kind'], reason: string): UrlRefusal {
  return { ok: false, kind, reason };
}

function isValidHostName(name: string): boolean {
  const labels = (name.endsWith('.') ? name.slice(0, -1) : name).split('.');
  return name.length <= 253 && labels.every((label) => hostLabel.test(label));
}

/** Checks a URL without touching the network: usable in config validation. */
export function checkUrlSyntax(rawUrl: string): UrlSyntaxCheck {
  if (typeof rawUrl !== 'string' || rawUrl.length === 0) return refuse('invalid', 'URL is empty');
  if (rawUrl.length > maxUrlLength) {
    return refuse('invalid', `URL is longer than ${maxUrlLength} characters`);
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u0020\u007f]/.test(rawUrl)) {
    return refuse('invalid', 'URL contains whitespace or control characters');
  }
  if (rawUrl.includes('\\')) return refuse('invalid', 'URL contains a backslash');
  if (!/^https?:\/\//i.test(rawUrl)) {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(rawUrl)?.[0].toLowerCase();
    return refuse(
      'invalid',
      scheme
        ? `scheme "${scheme}" is not allowed (only http and https)`
        : 'URL must start with http:// or https://',
    );
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return refuse('invalid', 'not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse('invalid', `scheme "${url.protocol}" is not allowed (only http and https)`);
  }
  const authority = rawUrl.slice(rawUrl.indexOf('//') + 2).split(/[/?#]/, 1)[0] ?? '';
  if (url.username !== '' || url.password !== '' || authority.includes('@')) {
    return refuse('invalid', 'URL must not contain credentials (user@host)');
  }
  if (url.port !== '') {
    const port = Number(url.port);
    if (port === 0) return refuse('invalid', 'port 0 is not valid');
    if (badPorts.has(port)) return refuse('invalid', `port ${port} is not allowed`);
  }
  const host = hostOf(url.hostname);
  if (!host) return refuse('invalid', 'host name contains characters that are not allowed');
  return { ok: true, url, host };
}

// Polls ask about the same hosts again and again; a host's kind depends on its text only.
const knownHosts = new Map<string, UrlHost | null>();
const maxKnownHosts = 20_000;

/** A WHATWG-parsed hostname as a literal (canonical text) or a name; null when not allowed. */
function hostOf(hostname: string): UrlHost | null {
  let host = knownHosts.get(hostname);
  if (host !== undefined) return host;
  const literal = parseStrictAddress(hostname);
  if (literal) host = { kind: 'ip', address: literal.toString() };
  else if (hostname.startsWith('[') || !isValidHostName(hostname)) host = null;
  else host = { kind: 'name', name: hostname };
  if (knownHosts.size >= maxKnownHosts) knownHosts.delete(knownHosts.keys().next().value!);
  knownHosts.set(hostname, host);
  return host;
}

/** All A/AAAA addresses of a name from the system resolver (getaddrinfo). */
export async function systemResolve(hostname: string): Promise<string[]> {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

/** Why an address is refused under the policy, or null when it may be contacted. */
export function addressRefusal(address: string, policy: AddressPolicy): string | null {
  const parsed = parseStrictAddress(address);
  if (!parsed) return `${address} is not a valid IP address`;
  if (policy.allowPrivateAddresses) return null;
  const verdict = classifyAddress(parsed);
  if (verdict.global) return null;
  if (
    policy.allowedPrivateRanges &&
    isInRanges(parsed, parseCidrList(policy.allowedPrivateRanges))
  ) {
    return null;
  }
  return `${parsed.toString()} is not a public address (${verdict.range})`;
}

function dnsFailure(name: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return `DNS lookup for ${name} failed (${typeof code === 'string' ? code : 'no answer'})`;
}

/** Full check: syntax, then DNS (all A/AAAA), then every address against the policy. */
export async function checkUrl(rawUrl: string, policy: AddressPolicy): Promise<UrlCheck> {
  const syntax = checkUrlSyntax(rawUrl);
  if (!syntax.ok) return syntax;
  const { url, host } = syntax;
  if (host.kind === 'ip')
    return judgeHost(url, host, null, (address) => addressVerdict(address, policy));
  let answers: string[];
  try {
    answers = await (policy.resolve ?? systemResolve)(host.name);
  } catch (error) {
    return unresolved(host.name, error);
  }
  return judgeHost(url, host, answers, (address) => addressVerdict(address, policy));
}

/** An address's verdict: why it is refused, or the canonical form to connect to. */
export type AddressVerdict = { refusal: string } | { refusal: null; canonical: string };

export function addressVerdict(address: string, policy: AddressPolicy): AddressVerdict {
  const refusal = addressRefusal(address, policy);
  return refusal
    ? { refusal }
    : { refusal: null, canonical: parseStrictAddress(address)!.toString() };
}

/** A name whose lookup failed: refused as 'unresolved' (a network failure, not a block). */
export function unresolved(name: string, error: unknown): UrlRefusal {
  return refuse('unresolved', dnsFailure(name, error));
}

/**
 * checkUrl's verdict once the host's addresses are known: a literal is judged by itself, a name by
 * every one of its DNS answers (`answers`). `verdictOf` judges one address under the policy.
 */
export function judgeHost(
  url: URL,
  host: UrlHost,
  answers: readonly string[] | null,
  verdictOf: (address: string) => AddressVerdict,
): UrlCheck {
  if (host.kind === 'ip') {
    const verdict = verdictOf(host.address);
    return verdict.refusal === null
      ? { ok: true, url, addresses: [host.address] }
      : refuse('blocked', `blocked: ${verdict.refusal}`);
  }
  if (!answers || answers.length === 0)
    return refuse('unresolved', `DNS lookup for ${host.name} found no address`);
  const addresses: string[] = [];
  for (const answer of answers) {
    const verdict = verdictOf(answer);
    if (verdict.refusal !== null) {
      return refuse('blocked', `blocked: ${host.name} resolves to ${verdict.refusal}`);
    }
    addresses.push(verdict.canonical);
  }
  return { ok: true, url, addresses };
}
