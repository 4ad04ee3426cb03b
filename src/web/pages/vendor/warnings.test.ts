// What an adapter could not read is kept with the vendor and shown: on GET /api/v1/vendors/{slug}
// and, folded, on the vendor page. A later poll's warnings replace it; a 304 leaves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSeconds } from '../../../domain/time.js';
import { commitCycle } from '../../../store/index.js';
import { createApp } from '../../app.js';
import { openTestStore, vendor, type TestStore } from '../../test-support/seed.js';
import { visibleText } from '../test-support/inert-html.js';

const now = '2026-03-07T16:20:00.000Z';
let testStore: TestStore;
let app: ReturnType<typeof createApp>;

async function pollWith(warnings: readonly string[] | undefined, at: string): Promise<void> {
  await commitCycle(testStore.store.db, {
    vendorSlug: 'acme',
    now: at,
    nextPollAt: addSeconds(at, 60),
    leaseOwner: null,
    outcome: {
      kind: 'success',
      plan: { components: null, incidents: [] },
      ...(warnings === undefined ? {} : { warnings }),
    },
    unreachableReported: false,
    events: [],
  });
}

const apiWarnings = async () =>
  ((await (await app.request('/api/v1/vendors/acme')).json()) as { warnings: string[] }).warnings;

beforeAll(async () => {
  testStore = await openTestStore([vendor('acme', 'Acme')], now);
  app = createApp({ db: testStore.store.db, now: () => now });
});
afterAll(() => testStore.dispose());

describe('adapter warnings on the vendor', () => {
  it('none before any parsed poll: an empty list, and nothing on the page', async () => {
    expect(await apiWarnings()).toEqual([]);
    expect(await (await app.request('/vendors/acme')).text()).not.toContain('adapter-warnings');
  });

  it("the API and the page show the last parsed poll's warnings", async () => {
    await pollWith(
      [
        'component 7: unknown status "on_fire", shown as unknown',
        'event a1 impacted_services: kept the first 5000 of 6000 items',
      ],
      now,
    );
    expect(await apiWarnings()).toEqual([
      'component 7: unknown status "on_fire", shown as unknown',
      'event a1 impacted_services: kept the first 5000 of 6000 items',
    ]);
    const text = visibleText(await (await app.request('/vendors/acme')).text());
    expect(text).toContain('vendorwatch could not read everything on this page (2 notes)');
    expect(text).toContain('component 7: unknown status "on_fire", shown as unknown');
  });

  it('a poll that did not parse (304) keeps them; the next parsed poll replaces them', async () => {
    await pollWith(undefined, addSeconds(now, 60));
    expect(await apiWarnings()).toHaveLength(2);
    await pollWith([], addSeconds(now, 120));
    expect(await apiWarnings()).toEqual([]);
  });

  it('vendor text in a warning is escaped on the page', async () => {
    await pollWith(['component <img src=x onerror=alert(1)>: unknown status'], now);
    const html = await (await app.request('/vendors/acme')).text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
