// The vendor page and the incidents page link the machine outputs (the maintenance calendars and
// the Statuspage-compatible API), and each link answers in its own format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { now, seedScenario, type Scenario } from '../test-support/scenario.js';

let scenario: Scenario;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  scenario = await seedScenario();
  app = createApp({ db: scenario.testStore.store.db, now: () => now });
});
afterAll(() => scenario.testStore.dispose());

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);

describe('links to the calendars and the compatible API', () => {
  it.each([
    ['/vendors/balena', '/vendors/balena/maintenances.ics', 'text/calendar; charset=utf-8'],
    ['/vendors/balena', '/compat/balena/api/v2/summary.json', 'application/json; charset=utf-8'],
    ['/incidents', '/maintenances.ics', 'text/calendar; charset=utf-8'],
  ])('%s links %s', async (page, link, type) => {
    const html = await (await app.request(page)).text();
    expect(hrefs(html)).toContain(link);
    const target = await app.request(link);
    expect(target.status).toBe(200);
    expect(target.headers.get('content-type')).toBe(type);
  });
});
