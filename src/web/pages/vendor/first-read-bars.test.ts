// The 90-day bars start knowing a vendor's component statuses at its first successful read,
// not when it was added: days it was watched but failing are "No data", not green.
import { afterEach, expect, it } from 'vitest';
import { addSeconds } from '../../../domain/time.js';
import { createApp } from '../../app.js';
import { openTestStore, snapshot, vendor, type TestStore } from '../../test-support/seed.js';

const added = '2025-09-06T10:00:00.000Z';
const day = 86_400;
const opened: TestStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.dispose()));
});

it('shows no data for the days between adding a vendor and its first successful read', async () => {
  const testStore = await openTestStore([vendor('acme', 'Acme')], added);
  opened.push(testStore);
  for (let streak = 1; streak <= 3; streak++) {
    await testStore.fail('acme', 'HTTP 503', addSeconds(added, streak * day), true, streak);
  }
  const firstRead = addSeconds(added, 3 * day + 3600);
  await testStore.poll(
    'acme',
    snapshot([], [{ id: 'api', name: 'API', group: null, status: 'operational', position: 0 }]),
    firstRead,
  );
  const now = addSeconds(firstRead, 60);
  const app = createApp({ db: testStore.store.db, now: () => now });
  const html = await (await app.request('/vendors/acme')).text();
  for (const date of ['Sep 6', 'Sep 7', 'Sep 8']) {
    expect(html).toContain(`title="${date}, 2025: No data"`);
  }
  expect(html).toContain('title="Sep 9, 2025: Operational"');
  expect(html).not.toContain('title="Sep 8, 2025: Operational"');
});
