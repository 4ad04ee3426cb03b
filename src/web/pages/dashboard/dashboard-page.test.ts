// The dashboard through the real app on the shared scenario.
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

describe('the dashboard', () => {
  it('lists every vendor worst first with status, open incidents and freshness', async () => {
    const { html, text } = await page('/');
    const order = [...html.matchAll(/<tr data-vendor="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['github', 'stripe', 'balena', 'flaky']);
    // Stripe was never read: its status is unknown, which is not "not fully operational".
    expect(text).toContain(
      '4 vendors watched · 2 not fully operational · 1 with unknown status · 2 with failing or stale data',
    );
    expect(text).toMatch(/Partial outage\s*1\s*Up to date\s*checked 1 min ago/);
    expect(text).toContain('Latest incidents');
  });

  it('explains each row: why its page fails, how fresh it is, which incidents are open', async () => {
    const { html } = await page('/');
    const row = (slug: string) => {
      const match = new RegExp(`<tr data-vendor="${slug}"[\\s\\S]*?</tr>`).exec(html)![0];
      return { html: match, text: visibleText(match) };
    };
    // The reason in a few words; the stored message whole in its tooltip.
    expect(row('flaky').text).toMatch(
      /Operational\s*0\s*Page failing\s*HTTP 503\s*failing since Sep 10, 2025, 10:09 PM UTC \(1 failed poll\) · last read 2 min ago/,
    );
    // The streak's start is a time the browser shows in the reader's own zone.
    expect(row('flaky').html).toContain('<time datetime="2025-09-10T22:09:00.000Z" data-local="">');
    expect(row('flaky').html).toContain('title="HTTP 503 from https://status.flaky.example.com"');
    // Never read: failing (never succeeded), as the CLI and the API say, not "checked".
    expect(row('stripe').text).toMatch(/Page failing\s*never succeeded — not tried yet/);
    expect(row('stripe').html).not.toContain('Data stale');
    // Open incidents and maintenances by title, each a link to its page.
    expect(row('github').html).toContain(
      '<a href="/incidents/github-gh-active">Incident with Copilot</a>',
    );
    expect(row('balena').html).toContain('<a href="/incidents/balena-mnt1">Database upgrade</a>');
    expect(row('balena').text).not.toContain('Elevated API errors');
  });

  it("carries the order rule for live re-sorting: rank tables and each row's name position", async () => {
    const { html } = await page('/');
    const ranks = JSON.parse(
      /data-order-ranks="([^"]+)"/.exec(html)![1]!.replace(/&quot;/g, '"'),
    ) as { status: Record<string, number>; health: Record<string, number> };
    expect(ranks.status.major_outage).toBeGreaterThan(ranks.status.partial_outage!);
    expect(ranks.health.failing).toBeGreaterThan(ranks.health.stale!);
    const names = [...html.matchAll(/<tr data-vendor="([^"]+)"[^>]*data-name-order="(\d+)"/g)];
    // Balena, Flaky Cloud, GitHub, Stripe.
    expect(Object.fromEntries(names.map((m) => [m[1], Number(m[2])]))).toEqual({
      balena: 0,
      flaky: 1,
      github: 2,
      stripe: 3,
    });
  });

  it('says what to do when no vendor matches the filters', async () => {
    const empty = await page('/?q=nosuchvendor');
    expect(empty.text).toContain('Showing 0 of 4');
    expect(empty.html).toMatch(/<p class="empty-state" data-filter-empty="">No vendor matches/);
    expect(empty.html).toContain('<a href="/">show every vendor</a>');
    expect((await page('/')).html).toMatch(
      /<p class="empty-state" data-filter-empty="" hidden="">/,
    );
  });

  it('filters on the server too (for readers without JavaScript)', async () => {
    const rowsShown = (html: string) =>
      [...html.matchAll(/<tr data-vendor="([^"]+)"[^>]*?( hidden="")?>/g)]
        .filter((m) => !m[2])
        .map((m) => m[1]);
    expect(rowsShown((await page('/?status=problems')).html)).toEqual([
      'github',
      'stripe',
      'balena',
      'flaky',
    ]);
    expect(rowsShown((await page('/?status=operational')).html)).toEqual(['flaky']);
    expect(rowsShown((await page('/?category=iot')).html)).toEqual(['balena']);
    expect(rowsShown((await page('/?q=GIT')).html)).toEqual(['github']);
    expect(rowsShown((await page('/?status=purple&category=nope')).html)).toHaveLength(4);
    expect((await page('/?q=git')).text).toContain('Showing 1 of 4');
  });
});
