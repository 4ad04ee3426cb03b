// /incidents through the real app on the shared scenario.
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

describe('all incidents', () => {
  it('filters by vendor, impact, state, dates and words, and keeps filters while paging', async () => {
    const ids = (html: string) =>
      [...html.matchAll(/<tr data-incident-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids((await page('/incidents?vendor=balena')).html)).toHaveLength(3);
    expect(ids((await page('/incidents?active=true')).html).sort()).toEqual([
      'balena-mnt1',
      'github-gh-active',
    ]);
    const critical = ids((await page('/incidents?vendor=github&impact=critical')).html);
    expect(critical.length).toBe(30);
    const day = ids((await page('/incidents?since=2025-09-09&until=2025-09-09')).html);
    expect(day.sort()).toEqual(['github-h000', 'github-h001']);
    expect(ids((await page('/incidents?q=100%25')).html)).toHaveLength(12);
    const all = await page('/incidents?vendor=github');
    const older = /href="([^"]+)" rel="next"/.exec(all.html)![1]!.replace(/&amp;/g, '&');
    expect(older).toMatch(/^\/incidents\?vendor=github&cursor=/);
  });

  it('filters by a hygiene flag that holds, keeps it selected, and names it when none match', async () => {
    const ids = (html: string) =>
      [...html.matchAll(/<tr data-incident-id="([^"]+)"/g)].map((m) => m[1]);
    const rewritten = await page('/incidents?flag=rewritten');
    expect(ids(rewritten.html)).toContain('balena-8gq2x9k1mlh4');
    expect(rewritten.html).toContain('<option value="rewritten" selected="">Rewritten</option>');
    const stuck = await page('/incidents?flag=stuck&vendor=balena');
    expect(ids(stuck.html)).toEqual([]);
    expect(stuck.text).toContain('No incident matches vendor Balena, flag Stuck.');
    const bad = await page('/incidents?flag=sloppy');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('The flag must be one of stuck, backdated');
  });

  it('badges each row with the hygiene flags holding on it, and only those rows', async () => {
    const { html } = await page('/incidents?vendor=balena');
    const row = (id: string) =>
      new RegExp(`<tr data-incident-id="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    expect(row('balena-8gq2x9k1mlh4')).toContain(
      '<span class="badge flag-badge" data-flag="rewritten">Rewritten</span>',
    );
    expect(row('balena-mnt1')).not.toContain('flag-badge');
  });

  it('answers 400 with the reasons for filters it cannot apply', async () => {
    const bad = await page('/incidents?since=2025-02-31&impact=purple&vendor=%3Cx%3E');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('"From" must be a date like 2025-09-10.');
    expect(bad.text).toContain(
      'The impact must be one of notice, minor, major, critical, maintenance.',
    );
    expect(bad.text).toContain('The vendor must be one of the listed vendors.');
    const reversed = await page('/incidents?since=2025-09-10&until=2025-09-01');
    expect(reversed.text).toContain('"From" must not be later than "To".');
  });
});
