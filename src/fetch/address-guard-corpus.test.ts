// The user-URL corpus D1–D12 of docs/reliability.md#d-user-supplied-urls, one describe per id:
// every row must be refused with a reason.
import { describe, expect, it } from 'vitest';
import { checkUrl } from './address-guard.js';
import type { AddressPolicy } from './address-guard.js';
import { expectRefused, strict } from './test-support/guard-zone.js';

describe('D1 private and special IPv4 literals', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
  ])('refuses http://%s/ (%s)', async (address, range) => {
    await expectRefused(
      `http://${address}/`,
      'blocked',
      `blocked: ${address} is not a public address (${range})`,
    );
  });
});

describe('D2 encodings WHATWG URL normalizes to 127.0.0.1', () => {
  it.each([
    '2130706433',
    '0x7f000001',
    '0177.0.0.1',
    '127.1',
    '0x7f.0x0.0x0.0x1',
    '%31%32%37.0.0.1',
    '①②⑦.0.0.1',
    '127。0。0。1',
    '127.000.000.001',
  ])('refuses http://%s/', async (host) => {
    await expectRefused(`http://${host}/`, 'blocked', 'blocked: 127.0.0.1 is not a public address');
  });
});

describe('D3 IPv6 literals, including forms that embed IPv4', () => {
  it.each([
    ['[::1]', 'loopback'],
    ['[::]', 'unspecified'],
    ['[::ffff:127.0.0.1]', 'loopback, embedded in IPv6'],
    ['[::ffff:a9fe:a9fe]', 'link-local, embedded in IPv6'],
    ['[0:0:0:0:0:ffff:7f00:1]', 'loopback, embedded in IPv6'],
    ['[::ffff:0:7f00:1]', 'IPv4-translated'],
    ['[::7f00:1]', 'IPv4-compatible (deprecated)'],
    ['[fc00::1]', 'unique local'],
    ['[fd00:ec2::254]', 'unique local'],
    ['[fe80::1]', 'link-local'],
    ['[64:ff9b::7f00:1]', 'loopback, embedded in IPv6'],
    ['[64:ff9b:1::a00:1]', 'local-use NAT64'],
    ['[2002:7f00:1::]', 'loopback, embedded in IPv6'],
    ['[2002:a9fe:a9fe::1]', 'link-local, embedded in IPv6'],
    ['[2001:0:4136:e378:8000:63bf:80ff:fffe]', 'loopback, embedded in IPv6'],
    ['[2001:db8::1]', 'documentation'],
    ['[100::1]', 'discard-only'],
  ])('refuses http://%s/ (%s)', async (host, range) => {
    await expectRefused(`http://${host}/`, 'blocked', `(${range})`);
  });

  it('refuses a zone id, which WHATWG URL cannot parse, without another parser', async () => {
    await expectRefused('http://[fe80::1%25eth0]/', 'invalid', 'not a valid absolute URL');
  });
});

describe('D4 not private but not global', () => {
  it.each([
    ['100.64.0.1', 'carrier-grade NAT'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.0.1', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['[ff02::1]', 'multicast'],
  ])('refuses http://%s/ (%s)', async (host, range) => {
    await expectRefused(`http://${host}/`, 'blocked', `(${range})`);
  });
});

describe('D5 local names, resolved by the system resolver', () => {
  const system: AddressPolicy = { allowPrivateAddresses: false };
  it.each([
    'localhost',
    'LOCALHOST',
    'localhost.',
    'a.localhost',
    'ip6-localhost',
    'metadata.google.internal',
    'metadata.google.internal.',
    'metadata',
    'instance-data',
    'kubernetes.default.svc',
    'host.docker.internal',
  ])('refuses http://%s/ (blocked address or no answer)', async (host) => {
    const result = await checkUrl(`http://${host}/`, system);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(
      /^blocked: .* is not a public address|^DNS lookup for/,
    );
  });
});

describe('D6 names resolving to non-public addresses (injected resolver)', () => {
  it.each([
    ['127.0.0.1.nip.io', '127.0.0.1.nip.io resolves to 127.0.0.1'],
    ['ten.example', 'ten.example resolves to 10.0.0.1'],
    ['aaaa-only.example', 'resolves to ::1'],
    ['mixed.example', 'mixed.example resolves to 10.0.0.1'],
    ['cname-to-internal.example', 'resolves to 172.31.255.255'],
    ['metadata.example', 'resolves to 169.254.169.254 is not a public address (link-local)'],
    ['mapped.example', 'link-local, embedded in IPv6'],
  ])('refuses %s', async (host, reason) => {
    await expectRefused(`https://${host}/api`, 'blocked', reason);
  });

  it('refuses garbage answers and empty or failed lookups', async () => {
    await expectRefused(
      'http://garbage.example/',
      'blocked',
      'not-an-ip is not a valid IP address',
    );
    await expectRefused('http://empty.example/', 'unresolved', 'found no address');
    await expectRefused(
      'http://nowhere.example/',
      'unresolved',
      'DNS lookup for nowhere.example failed (ENOTFOUND)',
    );
  });
});

describe('D9 credentials and backslash parser differentials', () => {
  it.each([
    ['http://evil.com\\@169.254.169.254/', 'backslash'],
    ['http://169.254.169.254\\@evil.com/', 'backslash'],
    ['http://169.254.169.254:80@evil.com/', 'credentials'],
    ['http://169.254.169.254%2f@evil.com/', 'credentials'],
    ['http://a@b@c/', 'credentials'],
    ['http://user:pass@status.example.com/', 'credentials'],
    ['http://@status.example.com/', 'credentials'],
  ])('refuses %s', async (url, reason) => {
    await expectRefused(url, 'invalid', reason);
  });
});

describe('D10 schemes other than http and https', () => {
  it.each([
    'file:///etc/passwd',
    'file:/etc/passwd',
    'file://',
    'FILE:///etc/passwd',
    ' file:///etc/passwd',
    'source:file:///etc/passwd',
    'gopher://127.0.0.1:6379/_',
    'dict://127.0.0.1:11211/',
    'ftp://example.com/',
    'ws://example.com/',
    'data:text/plain,hi',
    'javascript:alert(1)',
    'java\tscript:alert(1)',
    'http+unix://%2Fvar%2Frun%2Fdocker.sock/',
    '//example.com/',
    'http:example.com',
  ])('refuses %j', async (url) => {
    await expectRefused(url, 'invalid', /scheme|whitespace|must start with/);
  });
});

describe('D11 ports', () => {
  it.each([
    ['http://status.example.com:22/', 'port 22 is not allowed'],
    ['http://status.example.com:25/', 'port 25 is not allowed'],
    ['http://status.example.com:0/', 'port 0 is not valid'],
    ['http://status.example.com:65536/', 'not a valid absolute URL'],
    ['http://status.example.com:http/', 'not a valid absolute URL'],
    ['http://status.example.com:-1/', 'not a valid absolute URL'],
  ])('refuses %s', async (url, reason) => {
    await expectRefused(url, 'invalid', reason);
  });

  it('refuses a Redis port on loopback by its address', async () => {
    await expectRefused('http://127.0.0.1:6379/', 'blocked', 'loopback');
  });
});

describe('D12 oversized and control-character URLs', () => {
  it('refuses a 100 KB URL', async () => {
    await expectRefused(
      `https://status.example.com/${'a'.repeat(100_000)}`,
      'invalid',
      'longer than 4096',
    );
  });

  it.each([
    'https://status.example.com/a\r\nHost: evil',
    'https://status.example.com/\u0000',
    'https://status.example.com/a b',
  ])('refuses raw control characters and spaces in %j', async (url) => {
    await expectRefused(url, 'invalid', 'whitespace or control characters');
  });

  it('keeps percent-encoded CRLF encoded and punycodes IDN homographs', async () => {
    const crlf = await checkUrl('https://status.example.com/a%0d%0aHost:%20evil', strict);
    expect(crlf.ok && crlf.url.pathname).toBe('/a%0d%0aHost:%20evil');
    const idn = await checkUrl('https://аpple.com/', strict);
    expect(idn.ok && idn.url.hostname).toBe('xn--pple-43d.com');
  });

  it('refuses host names with characters DNS names never hold', async () => {
    await expectRefused('http://exa$mple.com/', 'invalid', 'host name contains characters');
    await expectRefused(
      `http://${'a'.repeat(64)}.com/`,
      'invalid',
      'host name contains characters',
    );
  });
});
