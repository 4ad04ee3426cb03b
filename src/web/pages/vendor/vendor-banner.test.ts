// The vendor page's banner says what is true of the data, from the stored poll state alone:
// never read yet (with the last try), failing since the last read, stale since when.
import { afterEach, describe, expect, it } from 'vitest';
import { addSeconds } from '../../../domain/time.js';
import { createApp } from '../../app.js';
import { openTestStore, snapshot, vendor, type TestStore } from '../../test-support/seed.js';
import { visibleText } from '../test-support/inert-html.js';

const t0 = '2025-09-10T10:00:00.000Z';
const refused = 'summary.json: 127.0.0.1:9 refused the connection';
const opened: TestStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.dispose()));
});

/** Read at t0 (or never), then `failures` failed polls a minute apart from t0 + 1 min. */
async function bannerAfter(read: boolean, viewAfterSeconds: number, failures = 1): Promise<string> {
  const testStore = await openTestStore([vendor('acme', 'Acme')], t0);
  opened.push(testStore);
  if (read) await testStore.poll('acme', snapshot([]), t0);
  for (let streak = 1; streak <= failures; streak++) {
    await testStore.fail('acme', refused, addSeconds(t0, 60 * streak), false, streak);
  }
  const now = addSeconds(t0, viewAfterSeconds);
  const app = createApp({ db: testStore.store.db, now: () => now });
  const html = await (await app.request('/vendors/acme')).text();
  const banner =
    /<div class="banner[^"]*" role="alert" data-testid="health-banner">[\s\S]*?<\/div>/;
  return visibleText(banner.exec(html)?.[0] ?? '');
}

describe('the vendor page banner', () => {
  it('says "never read yet" 20 s after a failed first try, not "three poll intervals"', async () => {
    const text = await bannerAfter(false, 80);
    expect(text).toContain(
      'Never read yet. vendorwatch has not read this page successfully since it was added ' +
        '1 min ago (1 failed poll since Sep 10, 2025, 10:01 AM UTC); the last try was 20 s ago.',
    );
    expect(text).toContain('Last error: connection refused — ' + refused);
    expect(text).not.toMatch(/stale|three poll intervals/);
  });

  it('stays "never read" an hour later: there is no old data to call stale', async () => {
    expect(await bannerAfter(false, 3600)).toMatch(/^Never read yet\./);
  });

  it('says when data that was read went stale', async () => {
    const text = await bannerAfter(true, 3600);
    expect(text).toContain(
      'This data is stale. Stale since Sep 10, 2025, 10:03 AM UTC: the last successful read was ' +
        '1 h ago, more than three poll intervals (1m each) ago. Every poll since has failed: ' +
        'failing since Sep 10, 2025, 10:01 AM UTC (1 failed poll)',
    );
    expect(text).toContain('Last error: connection refused');
  });

  it('says since when and how many polls failed while the data is still fresh', async () => {
    // Read at 10:00, failing from 10:01 (not from the last read), two polls so far.
    expect(await bannerAfter(true, 150, 2)).toMatch(
      /^The vendor's status page is failing\. Failing since Sep 10, 2025, 10:01 AM UTC \(2 failed polls\); the last successful read was 2 min ago; the last try was 30 s ago\./,
    );
  });
});
