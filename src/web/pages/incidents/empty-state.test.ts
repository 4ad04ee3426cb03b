// /incidents with an empty list: no filter says why and what to do next; filters say which ones
// found nothing and link to the unfiltered list.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { now, seedScenario } from '../../test-support/scenario.js';
import { openTestStore, vendor, type TestStore } from '../../test-support/seed.js';
import { visibleText } from '../test-support/inert-html.js';

const stores: TestStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.dispose()));
});

async function page(testStore: TestStore, path: string) {
  stores.push(testStore);
  const app = createApp({ db: testStore.store.db, now: () => now });
  const response = await app.request(path);
  const html = await response.text();
  return { status: response.status, html, text: visibleText(html) };
}

describe('incidents page when nothing is listed', () => {
  it('says no vendor is watched yet and how to add one', async () => {
    const { status, html, text } = await page(await openTestStore([], now), '/incidents');
    expect(status).toBe(200);
    expect(html).toContain('data-testid="no-incidents"');
    expect(text).toContain('No incident recorded yet.');
    expect(text).toContain('vendorwatch add URL');
    expect(text).not.toContain('matches');
  });

  it('says watched vendors have posted nothing yet and points at the dashboard', async () => {
    const store = await openTestStore([vendor('acme', 'Acme'), vendor('zeta', 'Zeta')], now);
    const { html, text } = await page(store, '/incidents');
    expect(text).toContain('No incident recorded yet.');
    expect(text).toContain('the 2 vendors it watches');
    expect(html).toContain('<a href="/">dashboard</a>');
    expect(html).not.toContain('Clear the filters');
  });

  it('names the filters that found nothing and links to the unfiltered list', async () => {
    const scenario = await seedScenario();
    const { status, html, text } = await page(
      scenario.testStore,
      '/incidents?q=nosuchword&vendor=balena&impact=critical&active=true&since=2025-09-01&until=2025-09-02',
    );
    expect(status).toBe(200);
    expect(html).toContain('data-testid="no-match"');
    expect(text).toContain(
      'No incident matches the words “nosuchword”, vendor Balena, impact Critical, open only, ' +
        'from 2025-09-01, to 2025-09-02.',
    );
    expect(text).toContain('update texts');
    expect(html).toContain('<a href="/incidents">Clear the filters</a>');
    const vendorOnly = await page(scenario.testStore, '/incidents?vendor=balena&impact=critical');
    expect(vendorOnly.text).toContain('No incident matches vendor Balena, impact Critical.');
    expect(vendorOnly.text).not.toContain('update texts');
    const hostile = await page(scenario.testStore, '/incidents?q=%3Cscript%3Ex%3C%2Fscript%3E');
    expect(hostile.text).toContain('No incident matches the words “<script>x</script>”.');
    expect(hostile.html).not.toContain('<script>x');
  });

  it('lists an incident found only by a word of its updates', async () => {
    const scenario = await seedScenario();
    const { html } = await page(scenario.testStore, '/incidents?q=being+fixed');
    expect(html).toContain('balena-8gq2x9k1mlh4');
    expect(html).not.toContain('data-testid="no-match"');
  });
});
