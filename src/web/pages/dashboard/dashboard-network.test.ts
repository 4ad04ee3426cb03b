// The dashboard's "own network may be down" banner, through the real app on a SQLite file: it
// is judged from the stored vendor state alone, as a web process apart from the poller sees it.
import { afterEach, describe, expect, it } from 'vitest';
import { addSeconds } from '../../../domain/time.js';
import { createApp } from '../../app.js';
import { openTestStore, snapshot, vendor, type TestStore } from '../../test-support/seed.js';
import { visibleText } from '../test-support/inert-html.js';

const t0 = '2025-09-10T10:00:00.000Z';
const bannerText =
  "Most status pages cannot be reached: vendorwatch's own network may be down. " +
  'Vendor-unreachable alerts are held until it recovers.';

const opened: TestStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.dispose()));
});

/**
 * `total` vendors read at t0; the first `failing` of them then fail once, a minute later.
 * The page is looked at `viewAfterSeconds` after t0.
 */
async function dashboard(total: number, failing: number, viewAfterSeconds = 90, reached = false) {
  const slugs = Array.from({ length: total }, (_, i) => `vendor-${i}`);
  const testStore = await openTestStore(
    slugs.map((slug) => vendor(slug, slug.toUpperCase())),
    t0,
  );
  opened.push(testStore);
  for (const slug of slugs) await testStore.poll(slug, snapshot([]), t0);
  for (const slug of slugs.slice(0, failing)) {
    const error = reached ? 'example.com answered HTTP 503' : 'connection refused';
    await testStore.fail(slug, error, addSeconds(t0, 60), reached);
  }
  const now = addSeconds(t0, viewAfterSeconds);
  const app = createApp({ db: testStore.store.db, now: () => now });
  const html = await (await app.request('/')).text();
  const banner = /<p class="banner banner-failing" role="alert" data-testid="network-banner">/;
  const healths = [...html.matchAll(/<tr data-vendor="[^"]+"[^>]*data-health="([a-z]+)"/g)];
  return {
    shown: banner.test(html),
    text: visibleText(html),
    healths: healths.map((match) => match[1]),
  };
}

describe('the dashboard banner for our own network', () => {
  it.each([
    { total: 5, failing: 5, shown: true },
    { total: 5, failing: 4, shown: true },
    { total: 10, failing: 8, shown: true },
    { total: 3, failing: 3, shown: true },
    { total: 10, failing: 7, shown: false },
    { total: 5, failing: 3, shown: false },
    { total: 2, failing: 2, shown: false },
    { total: 5, failing: 0, shown: false },
  ])('$failing of $total pages failing: shown $shown', async (row) => {
    const { shown, text } = await dashboard(row.total, row.failing);
    expect(shown).toBe(row.shown);
    if (row.shown) expect(text).toContain(bannerText);
    else expect(text).not.toContain('own network');
  });

  it('stays while the failing vendors turn stale, as they all do in a long outage', async () => {
    const { shown, healths } = await dashboard(5, 4, 3600);
    // No vendor is `failing` any more: counting health alone would lose the banner right here.
    expect(healths).toEqual(Array<string>(5).fill('stale'));
    expect(shown).toBe(true);
  });

  it('is not shown when the pages answer, even with errors: those alerts are not held', async () => {
    const { shown, healths } = await dashboard(5, 5, 90, true);
    expect(healths).toEqual(Array<string>(5).fill('failing'));
    expect(shown).toBe(false);
  });

  it('is not shown for data that is merely old: the poller was stopped, nothing failed', async () => {
    const { shown, healths } = await dashboard(5, 0, 3600);
    expect(healths).toEqual(Array<string>(5).fill('stale'));
    expect(shown).toBe(false);
  });
});
