// Boards over HTTP on a SQLite file and PostgreSQL: the API (checked against its OpenAPI schemas),
// the dashboards and the list, feeds, the maintenance calendar, the Statuspage-compatible board
// page (keys and types of real Statuspage payloads) and the metrics. The payments board takes
// only acme's Database: acme's API outage must not make acme look affected there.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/test-support/databases.js';
import type { Store } from '../../store/index.js';
import { databaseOpeners } from '../../store/test-support/database-openers.js';
import { createApp } from '../app.js';
import { compatEndpoints } from '../compat/statuspage-body.js';
import { fieldListOf, fieldProblems } from '../compat/test-support/fixture-fields.js';
import { jsonBody } from '../test-support/json-body.js';
import { schemaProblems } from '../test-support/schema-check.js';
import { boards, hostileTitle, now, seedBoards } from './test-support/board-seed.js';

const fixtureDir = fileURLToPath(new URL('../../../test/fixtures/statuspage', import.meta.url));
const real = fieldListOf(fixtureDir);
const openerFor = databaseOpeners('boards');

describe.each(databaseKinds)('boards on %s', (kind) => {
  let store: Store;
  const get = (path: string, withBoards = true) =>
    createApp({ db: store.db, now: () => now, ...(withBoards ? { boards } : {}) }).request(
      `http://vw.test${path}`,
    );

  beforeAll(async () => {
    ({ store } = await openerFor(kind).fresh());
    await seedBoards(store);
  });

  it('lists boards and details one in the API, judged on the board components only', async () => {
    const list = await jsonBody(await get('/api/v1/boards'));
    expect(schemaProblems(list.boards[0], 'Board')).toEqual([]);
    expect(
      list.boards.map((b: Record<string, unknown>) => [b.slug, b.status, b.affectedVendors]),
    ).toEqual([
      ['payments', 'operational', []],
      ['ops', 'major_outage', ['acme', 'gamma']],
    ]);

    const payments = await jsonBody(await get('/api/v1/boards/payments'));
    expect(schemaProblems(payments, 'BoardDetail')).toEqual([]);
    const acme = payments.vendors[0];
    expect(acme).toMatchObject({
      slug: 'acme',
      status: 'operational',
      activeIncidents: 0,
      boardComponents: ['Database', 'Nope'],
      missingComponents: ['Nope'],
    });
    expect(acme.components.map((c: { name: string }) => c.name)).toEqual(['Database']);
    expect(payments.openIncidents).toEqual([]);

    const ops = await jsonBody(await get('/api/v1/boards/ops'));
    expect(schemaProblems(ops, 'BoardDetail')).toEqual([]);
    expect(ops.vendors.map((v: Record<string, unknown>) => [v.slug, v.status])).toEqual([
      ['acme', 'partial_outage'],
      ['gamma', 'major_outage'],
    ]);
    expect(ops.openIncidents.map((i: { title: string }) => i.title).sort()).toEqual(
      [hostileTitle, 'Incident g1'].sort(),
    );

    const missing = await get('/api/v1/boards/nobody');
    expect(missing.status).toBe(404);
    expect(await jsonBody(missing)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('renders a board dashboard of its vendors, the board list, and their empty states', async () => {
    const page = await get('/boards/payments');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>Payments</h1>');
    expect(html).toMatch(/data-vendor="acme"[^>]*data-status="operational"/);
    expect(html).toMatch(/data-vendor="beta"/);
    expect(html).not.toMatch(/data-vendor="gamma"/);
    // Limited to some components: no vendor-wide live rewrite of its rows.
    expect(html).toContain('id="board-table"');
    expect(html).toContain('href="/status/payments"');
    expect(html).toContain('Acme: Nope');

    const ops = await (await get('/boards/ops')).text();
    expect(ops).toMatch(/data-vendor="acme"[^>]*data-status="partial_outage"/);
    expect(ops).toContain('id="vendor-table"');
    // Vendor text is escaped.
    expect(ops).not.toContain('<img src=x');
    expect(ops).toContain('&lt;img src=x');

    const index = await (await get('/boards')).text();
    expect(index).toContain('href="/boards/payments"');
    expect(index).toContain('Private (signed-in people only)');
    const empty = await (await get('/boards', false)).text();
    expect(empty).toContain('No board is configured yet');
    expect(empty).toContain('<code>boards:</code>');
    expect((await get('/boards/nobody')).status).toBe(404);
  });

  it('serves board feeds and calendars of what touches the board', async () => {
    const paymentsFeed = await (await get('/boards/payments/feed.atom')).text();
    expect(paymentsFeed).toContain('Database upgrade');
    expect(paymentsFeed).not.toContain('API errors');
    const opsFeed = await get('/boards/ops/feed.rss');
    expect(opsFeed.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const opsText = await opsFeed.text();
    expect(opsText).toContain('API errors');
    expect(opsText).toContain('Incident g1');

    const calendar = await get('/boards/payments/maintenances.ics');
    expect(calendar.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await calendar.text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain('Database upgrade');
    for (const path of ['/boards/nobody/feed.atom', '/boards/nobody/maintenances.ics']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('serves a board as one Statuspage page with the keys and types real pages send', async () => {
    for (const slug of ['payments', 'ops']) {
      for (const endpoint of compatEndpoints) {
        const response = await get(`/compat/board/${slug}/api/v2/${endpoint}.json`);
        expect(response.status, endpoint).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
        const body = await jsonBody(response);
        expect(fieldProblems(body, real.fields), `${slug} ${endpoint}`).toEqual([]);
        const captured = real.topLevel.get(endpoint);
        if (captured) expect(Object.keys(body).sort(), endpoint).toEqual([...captured].sort());
      }
    }
    const summary = await jsonBody(await get('/compat/board/payments/api/v2/summary.json'));
    expect(summary.page.name).toBe('Payments');
    expect(summary.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    expect(
      summary.components.map((c: Record<string, unknown>) => [c.name, c.group, c.status]),
    ).toEqual([
      ['Acme', true, 'operational'],
      ['Acme – Database', false, 'operational'],
      ['Beta', true, 'operational'],
      ['Beta – Web', false, 'operational'],
    ]);
    const ops = await jsonBody(await get('/compat/board/ops/api/v2/incidents/unresolved.json'));
    const open = ops.incidents.find((i: { name: string }) => i.name === hostileTitle);
    expect(open.components.map((c: { name: string }) => c.name)).toEqual(['Acme – API']);
    const maintenances = await jsonBody(
      await get('/compat/board/payments/api/v2/scheduled-maintenances.json'),
    );
    expect(maintenances.scheduled_maintenances.map((m: { name: string }) => m.name)).toEqual([
      'Database upgrade',
    ]);
    const missing = await get('/compat/board/nobody/api/v2/summary.json');
    expect(missing.status).toBe(404);
    expect(await jsonBody(missing)).toMatchObject({ error: 'not_found' });
  });

  it('labels board gauges in /metrics', async () => {
    const text = await (await get('/metrics')).text();
    expect(text).toContain('vendorwatch_board_status{board="payments"} 0');
    expect(text).toContain('vendorwatch_board_status{board="ops"} 5');
    expect(text).toContain('vendorwatch_board_vendors_affected{board="payments"} 0');
    expect(text).toContain('vendorwatch_board_vendors_affected{board="ops"} 2');
  });
});
