// A vendor whose probes fail while its page says nothing: the dashboard marks its row, links to
// its probes, counts it in the overview, and "Any problem" shows it (on the server, as app.js does).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSeconds } from '../../../domain/time.js';
import { createApp } from '../../app.js';
import {
  openTestStore,
  snapshot,
  suspect,
  vendor,
  type TestStore,
} from '../../test-support/seed.js';
import { visibleText } from '../test-support/inert-html.js';

const t0 = '2025-09-10T10:00:00.000Z';
let testStore: TestStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  testStore = await openTestStore(
    [vendor('acme', 'Acme Cloud'), vendor('nimbus', 'Nimbus'), vendor('zeta', 'Zeta')],
    t0,
  );
  for (const slug of ['acme', 'nimbus', 'zeta']) await testStore.poll(slug, snapshot([]), t0);
  await suspect(
    testStore.store.db,
    'nimbus',
    { firstSignalAt: addSeconds(t0, 5), suspectedAt: addSeconds(t0, 35) },
    { probes: ['api'], error: 'HTTP 503, expected 2xx' },
  );
  const now = addSeconds(t0, 60);
  app = createApp({ db: testStore.store.db, now: () => now });
});
afterAll(() => testStore.dispose());

const page = async (path: string) => (await app.request(path)).text();
const row = (html: string, slug: string) =>
  new RegExp(`<tr data-vendor="${slug}"[\\s\\S]*?</tr>`).exec(html)![0];

describe('the dashboard and suspected outages', () => {
  it('marks the suspected vendor with a link to its probes, and only it', async () => {
    const html = await page('/');
    expect(row(html, 'nimbus')).toContain('data-suspected="true"');
    expect(row(html, 'nimbus')).toMatch(
      /<a class="badge suspected-badge" data-testid="suspected" href="\/vendors\/nimbus#probes-title"[^>]*>Suspected outage<\/a>/,
    );
    for (const slug of ['acme', 'zeta']) {
      expect(row(html, slug)).not.toContain('Suspected outage');
      expect(row(html, slug)).not.toContain('data-suspected');
    }
    expect(visibleText(html)).toContain(
      '3 vendors watched · 0 not fully operational · 0 with failing or stale data · 1 suspected by their probes (not posted yet)',
    );
  });

  it('shows it under "Any problem" although its page says operational', async () => {
    const html = await page('/?status=problems');
    const shown = [...html.matchAll(/<tr data-vendor="([^"]+)"[^>]*?( hidden="")?>/g)]
      .filter((m) => !m[2])
      .map((m) => m[1]);
    expect(shown).toEqual(['nimbus']);
  });

  it('says nothing of suspicions when there are none', async () => {
    await testStore.store.db.updateTable('vendor_suspicions').set({ ended_at: t0 }).execute();
    const html = await page('/');
    expect(html).not.toContain('Suspected outage');
    expect(visibleText(html)).not.toContain('suspected by their probes');
  });
});
