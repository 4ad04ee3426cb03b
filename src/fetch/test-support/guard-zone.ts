// A fake DNS zone and a refusal assertion shared by the address-guard test files.
import { expect } from 'vitest';
import { checkUrl, systemResolve } from '../address-guard.js';
import type { AddressPolicy, UrlCheck } from '../address-guard.js';
import { AddressBook } from '../pinned-agent.js';
import { UrlChecker } from '../url-checker.js';

const zones: Record<string, string[]> = {
  'www.githubstatus.com': ['140.82.112.3'],
  'status.example.com': ['140.82.112.3', '2606:50c0:8000::153'],
  'status.example.com.': ['140.82.112.3'],
  'xn--pple-43d.com': ['140.82.112.3'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  'ten.example': ['10.0.0.1'],
  'aaaa-only.example': ['::1'],
  'mixed.example': ['140.82.112.3', '10.0.0.1'],
  'cname-to-internal.example': ['172.31.255.255'],
  'metadata.example': ['169.254.169.254'],
  'mapped.example': ['::ffff:169.254.169.254'],
  'garbage.example': ['not-an-ip'],
  'empty.example': [],
};
export const strict: AddressPolicy = {
  allowPrivateAddresses: false,
  resolve: (host) => {
    const answer = zones[host];
    if (answer) return Promise.resolve(answer);
    return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
  },
};

export async function expectRefused(
  url: string,
  kind: string,
  reason: string | RegExp,
  policy = strict,
): Promise<void> {
  const result = await checkUrl(url, policy);
  expect(result, url).toMatchObject({ ok: false, kind });
  const text = result.ok ? '' : result.reason;
  if (typeof reason === 'string') expect(text, url).toContain(reason);
  else expect(text, url).toMatch(reason);
  // The fetcher's remembering checker refuses it the same way, the first time and again.
  expect(await checkTwice(url, policy), url).toEqual([result, result]);
}

/** The fetcher's UrlChecker over `policy` (DNS through a book, as the fetcher wires it). */
export function urlCheckerFor(policy: AddressPolicy, ttlMs = 30_000): UrlChecker {
  const book = new AddressBook(policy.resolve ?? systemResolve, ttlMs);
  return new UrlChecker({ ...policy, resolve: (host) => book.resolve(host) }, book);
}

/** One UrlChecker's verdicts on the same URL asked twice (the second from what it remembers). */
export async function checkTwice(url: string, policy: AddressPolicy): Promise<UrlCheck[]> {
  const checker = urlCheckerFor(policy);
  return [await checker.check(url), await checker.check(url)];
}
