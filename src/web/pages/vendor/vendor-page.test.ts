// The vendor page through the real app on the shared scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { now, seedScenario, type Scenario } from '../../test-support/scenario.js';
import { visibleText } from '../test-support/inert-html.js';

let scenario: Scenario;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  scenario = await seedScenario();
  app = createApp({ db: scenario.testStore.store.db, now: () => now });
});
afterAll(() => scenario.testStore.dispose());

async function page(path: string) {
  const response = await app.request(path);
  const html = await response.text();
  return { status: response.status, html, text: visibleText(html) };
}

describe('the vendor page', () => {
  it('groups components with their status and a 90-day bar in colour and words', async () => {
    const { html, text } = await page('/vendors/balena');
    expect(text).toMatch(/Balena\s*Under maintenance\s*Up to date/);
    expect(text).toContain('Data: checked 2 min ago · polled every 1m');
    expect(html).toContain('<h3>Network</h3>');
    const bars = html.match(/<div class="bars" role="img" aria-label="[^"]+">/g)!;
    expect(bars).toHaveLength(4);
    expect(bars[0]).toContain('API. Last 90 days:');
    expect(html.match(/<span class="day-[a-z_]+" title="[^"]+"><\/span>/g)).toHaveLength(4 * 90);
    // The API was degraded from 13:50 to 22:07 on the last day, with the incident listed.
    expect(html).toContain(
      'title="Sep 10, 2025: Degraded performance — Elevated API errors on balenaCloud"',
    );
    // Watched from 13:00 that day, but its history reaches back to Sep 1 (a resolved incident
    // naming no component): the days since with no incident are operational, those before have
    // no data.
    expect(html).toContain('title="Sep 9, 2025: Operational"');
    expect(html).toContain('title="Sep 2, 2025: Operational"');
    expect(html).toContain('title="Sep 1, 2025: Operational"');
    expect(html).toContain('title="Aug 31, 2025: No data"');
    // The count of days with problems is the count of bars neither green nor grey.
    const apiBar =
      /<li class="component" data-component="c-api">[\s\S]*?<\/li>\s*<li class="component"/.exec(
        html,
      )![0];
    const coloured = apiBar.match(/<span class="day-(?!operational|nodata)[a-z_]+"/g) ?? [];
    expect(coloured).toHaveLength(1);
    expect(visibleText(apiBar)).toContain('1 day with problems');
  });

  it('lists open incidents and maintenance and the 90-day figures', async () => {
    const { text } = await page('/vendors/balena');
    expect(text).toMatch(/Active incidents\s*No open incident\.\s*Maintenance\s*Database upgrade/);
    expect(text).toMatch(
      /Incidents\s*2\s*Critical\s*0\s*Major\s*0\s*Minor\s*1\s*Notice\s*1\s*Maintenances\s*1\s*Median time to resolve\s*4h 55m/,
    );
  });

  it('pages through the incident history with the store cursor', async () => {
    const first = await page('/vendors/github');
    expect(first.html.match(/<tr data-incident-id=/g)).toHaveLength(25);
    const older = /href="(\/vendors\/github\?cursor=[^"]+)" rel="next"/.exec(first.html)![1]!;
    const second = await page(older.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    expect(second.html.match(/<tr data-incident-id=/g)).toHaveLength(25);
    expect(second.text).toContain('« Newest');
    const ids = (html: string) =>
      [...html.matchAll(/<tr data-incident-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(second.html).some((id) => ids(first.html).includes(id))).toBe(false);
    expect((await page('/vendors/github?cursor=%3Cbad%3E')).status).toBe(400);
    expect((await page('/vendors/github?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  it('marks the parts a live event may change, with no reload notice', async () => {
    const { html } = await page('/vendors/balena');
    const parts = [...html.matchAll(/data-live-part="([a-z]+)"/g)].map((match) => match[1]);
    expect(parts).toEqual([
      'status',
      'freshness',
      'banner',
      'active',
      'components',
      'probes',
      'figures',
      'history',
    ]);
    expect(html).toContain('<p class="visually-hidden" aria-live="polite" data-live-announcer="">');
    expect(html).not.toContain('data-live-note');
    expect(html).not.toContain('Reload');
  });

  it('warns in a banner when the page fails or the data is stale', async () => {
    const failing = await page('/vendors/flaky');
    expect(failing.text).toContain(
      "The vendor's status page is failing. Failing since Sep 10, 2025, 10:09 PM UTC (1 failed poll); " +
        'the last successful read was 2 min ago; the last try was 1 min ago.',
    );
    expect(failing.text).toContain(
      'Last error: HTTP 503 — HTTP 503 from https://status.flaky.example.com',
    );
    expect(failing.text).toMatch(/Page failing\s*HTTP 503/);
    // Never tried at all: said as it is, not as "stale" nor "more than three poll intervals".
    const never = await page('/vendors/stripe');
    expect(never.text).toContain(
      'Never read yet. vendorwatch has not tried this page yet; it is checked every 1m.',
    );
    expect(never.text).toContain('Data: never succeeded — not tried yet');
    expect(never.text).not.toMatch(/stale|three poll intervals/);
    expect((await page('/vendors/balena')).html).not.toContain('data-testid="health-banner"');
    expect((await page('/vendors/nobody')).status).toBe(404);
  });
});
