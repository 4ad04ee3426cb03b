// Config vendors without a platform are stored undetected and their polls detect it: the stored
// vendor then carries the platform and the URL detection settled on; an undetectable one fails
// its poll with the reason and stays undetected, to be tried again.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getAdapter } from '../adapters/registry.js';
import { configuredVendors } from '../app/fetcher.js';
import type { ConfiguredVendor } from '../config/load.js';
import { createFetcher } from '../fetch/fetcher.js';
import { defaultFetcherSettings } from '../fetch/types.js';
import { loadPollState, migrateToLatest, openStore, syncVendors } from '../store/index.js';
import { pollVendor } from './cycle.js';
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

describe('polling a config vendor without a platform', () => {
  it('stores the detected platform and the normalized URL; fails with the reason otherwise', async () => {
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
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'vw-detect-')), 'vw.db'));
    await migrateToLatest(store);
    const vendors = configuredVendors([
      configured('acme', feedOnly.url('/')),
      configured('mystery', nothing.url('/')),
    ]);
    expect(vendors.map((vendor) => vendor.platform)).toEqual(['undetected', 'undetected']);
    await syncVendors(store.db, vendors, 'config', new Date().toISOString());
    const deps = {
      db: store.db,
      fetcher,
      adapterFor: getAdapter,
      routeEvent: () => [],
      now: () => new Date(),
      random: () => 0.5,
      leaseOwner: null,
    };
    try {
      const outcomes = await Promise.all(vendors.map((vendor) => pollVendor(deps, vendor)));
      expect(outcomes.map((outcome) => outcome.kind)).toEqual(['changed', 'failed']);
      const rows = await store.db
        .selectFrom('vendors')
        .select(['slug', 'platform', 'status_page_url'])
        .orderBy('slug')
        .execute();
      expect(rows).toEqual([
        { slug: 'acme', platform: 'rss', status_page_url: feedOnly.url('/status/feed.rss') },
        { slug: 'mystery', platform: 'undetected', status_page_url: nothing.url('/') },
      ]);
      const failed = await loadPollState(store.db, 'mystery');
      expect(failed).toMatchObject({ consecutiveFailures: 1, lastSuccessAt: null });
      expect(failed?.lastError).toMatch(/^platform not detected: .+; set `platform:`$/);
    } finally {
      await store.close();
    }
  });
});
