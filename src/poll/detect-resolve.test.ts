// Config vendors without a platform are detected at start (app/fetcher.ts resolveVendors): the stored
// vendor carries the URL detection settled on, and an undetectable one is skipped with a warning.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConfiguredVendor } from '../config/load.js';
import { createFetcher } from '../fetch/fetcher.js';
import { defaultFetcherSettings } from '../fetch/types.js';
import { createLogger } from '../logger.js';
import { resolveVendors } from '../app/fetcher.js';
import { html, startReplica, xml, type Replica } from './detect/test-support/replica.js';

const fetcher = createFetcher({
  ...defaultFetcherSettings,
  totalTimeoutMs: 5_000,
  allowedPrivateRanges: ['127.0.0.1/32'],
});

afterAll(() => Promise.all([fetcher.close()]));

const replicas: Replica[] = [];
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((replica) => replica.close()));
});

function configured(slug: string, statusPageUrl: string): ConfiguredVendor {
  return {
    slug,
    name: slug,
    statusPageUrl,
    platform: null,
    category: 'other',
    intervalSeconds: 60,
  };
}

describe('resolveVendors', () => {
  it('stores the detected platform and the normalized URL; skips what it cannot detect', async () => {
    const feedOnly = await startReplica({
      '/': html('', '<link rel="alternate" type="application/rss+xml" href="/status/feed.rss">'),
      '/status/feed.rss': xml(
        'rss',
        'history.statuspage-rss.docs-shape.xml',
        'application/rss+xml',
      ),
    });
    const nothing = await startReplica({ '/': html('<h1>Nothing here</h1>') });
    replicas.push(feedOnly, nothing);
    const warnings: string[] = [];
    const logger = createLogger('warn', {
      write: (line: string) => warnings.push(line),
    } as unknown as NodeJS.WritableStream);

    const resolved = await resolveVendors(
      [configured('acme', feedOnly.url('/')), configured('mystery', nothing.url('/'))],
      fetcher,
      logger,
    );
    expect(resolved).toEqual([
      expect.objectContaining({
        slug: 'acme',
        platform: 'rss',
        statusPageUrl: feedOnly.url('/status/feed.rss'),
      }),
    ]);
    expect(warnings.join('')).toContain('mystery');
  });
});
