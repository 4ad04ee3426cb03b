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
    expect(text).toContain(
      '4 vendors watched · 3 not fully operational · 2 with failing or stale data',
    );
    expect(text).toMatch(/GitHub\s*Partial outage\s*1\s*Up to date\s*checked 1 min ago/);
    expect(text).toMatch(/Flaky Cloud\s*Operational\s*0\s*Page failing/);
    expect(text).toContain('Latest incidents');
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
