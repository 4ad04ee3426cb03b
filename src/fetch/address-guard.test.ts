// Addresses and names that must pass, the operator opt-in (D15 in docs/reliability.md#d15), and
// the synchronous helpers.
import { describe, expect, it } from 'vitest';
import { checkUrl, checkUrlSyntax, isGlobalAddress } from './address-guard.js';
import type { AddressPolicy } from './address-guard.js';
import { createFetcher } from './fetcher.js';
import { defaultFetcherSettings } from './types.js';
import { expectRefused, strict } from './test-support/guard-zone.js';

describe('public targets pass', () => {
  it.each([
    ['https://www.githubstatus.com/api/v2/summary.json', ['140.82.112.3']],
    ['https://status.example.com/history.atom', ['140.82.112.3', '2606:50c0:8000::153']],
    ['HTTPS://Status.Example.COM:8443/x', ['140.82.112.3', '2606:50c0:8000::153']],
    ['https://status.example.com./', ['140.82.112.3']],
    ['http://1.1.1.1/', ['1.1.1.1']],
    ['https://[2606:4700:4700::1111]/', ['2606:4700:4700::1111']],
    ['https://[64:ff9b::8c52:7003]/', ['64:ff9b::8c52:7003']],
    ['https://[2002:8c52:7003::1]/', ['2002:8c52:7003::1']],
  ])('allows %s', async (url, addresses) => {
    expect(await checkUrl(url, strict)).toMatchObject({ ok: true, addresses });
  });
});

describe('operator opt-in (D15)', () => {
  const loopbackOnly: AddressPolicy = { ...strict, allowedPrivateRanges: ['127.0.0.1/32'] };

  it('allows exactly the listed ranges, IPv4-mapped forms included', async () => {
    expect(await checkUrl('http://127.0.0.1:8080/', loopbackOnly)).toMatchObject({ ok: true });
    expect(await checkUrl('http://[::ffff:127.0.0.1]/', loopbackOnly)).toMatchObject({ ok: true });
    await expectRefused('http://127.0.0.2/', 'blocked', '127.0.0.2', loopbackOnly);
    await expectRefused('http://169.254.169.254/', 'blocked', 'link-local', loopbackOnly);
  });

  it('allows every address when private addresses are allowed, but keeps syntax rules', async () => {
    const open: AddressPolicy = { ...strict, allowPrivateAddresses: true };
    expect(await checkUrl('http://ten.example/', open)).toMatchObject({
      ok: true,
      addresses: ['10.0.0.1'],
    });
    await expectRefused('http://evil.com\\@10.0.0.1/', 'invalid', 'backslash', open);
    await expectRefused('gopher://10.0.0.1/', 'invalid', 'scheme', open);
  });

  it('fails loudly on a malformed CIDR', () => {
    expect(() =>
      createFetcher({ ...defaultFetcherSettings, allowedPrivateRanges: ['127.0.0.1/33'] }),
    ).toThrow('not a valid CIDR');
  });
});

describe('checkUrlSyntax and isGlobalAddress', () => {
  it('tells literals from names without touching the network', () => {
    expect(checkUrlSyntax('http://0x7f000001/')).toMatchObject({
      ok: true,
      host: { kind: 'ip', address: '127.0.0.1' },
    });
    expect(checkUrlSyntax('https://Status.Example.com/')).toMatchObject({
      ok: true,
      host: { kind: 'name', name: 'status.example.com' },
    });
    expect(checkUrlSyntax('ftp://x/')).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('accepts only canonical global addresses', () => {
    for (const ip of [
      '140.82.112.3',
      '1.1.1.1',
      '2606:4700:4700::1111',
      '[2606:4700:4700::1111]',
    ]) {
      expect(isGlobalAddress(ip), ip).toBe(true);
    }
    for (const ip of [
      '127.1',
      '0x7f000001',
      '2130706433',
      '',
      'fe80::1%eth0',
      '::ffff:10.0.0.1',
      '10.0.0.1',
      'example.com',
    ]) {
      expect(isGlobalAddress(ip), ip).toBe(false);
    }
  });
});
