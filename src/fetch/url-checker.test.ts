// The fetcher's remembering address guard: checkUrl's verdicts, also when asked again, and DNS
// still decides: a name that starts resolving to a private address (rebinding after the cached
// answer expired) is refused on its next check; failed lookups are asked again.
import { describe, expect, it } from 'vitest';
import { checkUrl, type AddressPolicy } from './address-guard.js';
import { AddressBook } from './pinned-agent.js';
import { UrlChecker } from './url-checker.js';
import { checkTwice, strict } from './test-support/guard-zone.js';

/** A checker over a zone the test changes, with a clock the test moves. */
function rebindingChecker(ttlMs: number) {
  const zone = new Map<string, string[]>([['status.example.com', ['140.82.112.3']]]);
  let lookups = 0;
  let nowMs = 0;
  const lookup = (host: string) => {
    lookups += 1;
    const answer = zone.get(host);
    return answer
      ? Promise.resolve(answer)
      : Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
  };
  const book = new AddressBook(lookup, ttlMs, () => nowMs);
  const policy: AddressPolicy = { allowPrivateAddresses: false, resolve: (h) => book.resolve(h) };
  return {
    checker: new UrlChecker(policy, book),
    zone,
    lookups: () => lookups,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

describe('UrlChecker', () => {
  it.each([
    'https://www.githubstatus.com/api/v2/summary.json',
    'https://status.example.com/history.atom',
    'HTTPS://Status.Example.COM:8443/x',
    'http://1.1.1.1/',
    'https://[2606:4700:4700::1111]/',
    'http://127.0.0.1/',
    'http://0x7f000001/',
    'https://mixed.example/',
    'https://garbage.example/',
    'http://empty.example/',
    'http://nowhere.example/',
    'http://evil.com\\@10.0.0.1/',
    'gopher://10.0.0.1/',
  ])('answers %s as checkUrl does, asked once and again', async (url) => {
    const expected = await checkUrl(url, strict);
    const [first, again] = await checkTwice(url, strict);
    for (const result of [first!, again!]) {
      expect(result).toEqual(expected);
      if (result.ok && expected.ok) expect(result.url.href).toBe(expected.url.href);
    }
  });

  it('answers a literal and a name with a cached answer without a promise', async () => {
    const { checker, lookups } = rebindingChecker(30_000);
    expect(checker.check('http://1.1.1.1/')).not.toBeInstanceOf(Promise);
    const first = checker.check('https://status.example.com/a');
    expect(first).toBeInstanceOf(Promise);
    await first;
    const second = checker.check('https://status.example.com/b');
    expect(second).not.toBeInstanceOf(Promise);
    expect(second).toMatchObject({ ok: true, addresses: ['140.82.112.3'] });
    expect((second as { url: URL }).url.pathname).toBe('/b');
    expect(lookups()).toBe(1);
  });

  it('refuses a name once its next answer is private (rebinding after the TTL)', async () => {
    const { checker, zone, advance, lookups } = rebindingChecker(1_000);
    expect(await checker.check('https://status.example.com/')).toMatchObject({ ok: true });
    zone.set('status.example.com', ['140.82.112.3', '10.0.0.1']);
    // Within the TTL the checked answer stands (the pinned agent connects only to it).
    expect(await checker.check('https://status.example.com/')).toMatchObject({ ok: true });
    advance(1_001);
    expect(await checker.check('https://status.example.com/')).toEqual({
      ok: false,
      kind: 'blocked',
      reason: 'blocked: status.example.com resolves to 10.0.0.1 is not a public address (private)',
    });
    expect(lookups()).toBe(2);
  });

  it('asks DNS again after a failed lookup, and on every check without a TTL', async () => {
    const { checker, zone, lookups } = rebindingChecker(30_000);
    expect(await checker.check('https://new.example.com/')).toMatchObject({
      ok: false,
      kind: 'unresolved',
    });
    zone.set('new.example.com', ['140.82.112.3']);
    expect(await checker.check('https://new.example.com/')).toMatchObject({ ok: true });
    expect(lookups()).toBe(2);

    const uncached = rebindingChecker(0);
    await uncached.checker.check('https://status.example.com/');
    uncached.zone.set('status.example.com', ['127.0.0.1']);
    expect(await uncached.checker.check('https://status.example.com/')).toMatchObject({
      ok: false,
      kind: 'blocked',
    });
    expect(uncached.lookups()).toBe(2);
  });
});
