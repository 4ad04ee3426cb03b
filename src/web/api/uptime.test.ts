// GET /api/v1/vendors/{slug}/uptime over the shared scenario (the reference incident: Balena,
// 13:47:31 → 22:07:31, 8h 20m, notice) and a vendor whose titles are spreadsheet formulas.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { jsonBody } from '../test-support/json-body.js';
import { parseCsv } from '../test-support/rfc4180.js';
import { schemaProblems } from '../test-support/schema-check.js';
import { balenaIncidentId, now, seedScenario, type Scenario } from '../test-support/scenario.js';
import {
  observedIncident,
  observedUpdate,
  openTestStore,
  snapshot,
  vendor,
  type TestStore,
} from '../test-support/seed.js';

let scenario: Scenario;
let evil: TestStore;

const hostileTitles = [
  '=HYPERLINK("https://evil.example","click")',
  '+1+2',
  '-2+3, "quoted", and more',
  '@SUM(A1:A9)',
  'plain title',
];

beforeAll(async () => {
  scenario = await seedScenario();
  evil = await openTestStore([vendor('evil', 'Evil')], now);
  const incidents = hostileTitles.map((title, n) => {
    const startedAt = `2025-09-10T0${n}:00:00.000Z`;
    const resolvedAt = `2025-09-10T0${n}:30:00.000Z`;
    return observedIncident(`e${n}`, {
      title,
      impact: 'critical',
      phase: 'resolved',
      startedAt,
      resolvedAt,
      updates: [observedUpdate(`e${n}-u1`, 'resolved', resolvedAt)],
    });
  });
  await evil.poll('evil', snapshot(incidents), now);
});
afterAll(async () => {
  await scenario.testStore.dispose();
  await evil.dispose();
});

const day = 'from=2025-09-10&to=2025-09-11';

function app(weights?: { critical: number; major: number; minor: number; notice: number }) {
  return createApp({
    db: scenario.testStore.store.db,
    now: () => now,
    ...(weights ? { uptimeWeights: weights } : {}),
  });
}

async function json(hono: Hono, path: string) {
  const response = await hono.request(path);
  return { status: response.status, body: await jsonBody(response) };
}

describe('GET /api/v1/vendors/{slug}/uptime', () => {
  it('gives the reference day: 8h 20m of notice incident, no downtime by default, maintenance apart', async () => {
    const { status, body } = await json(app(), `/api/v1/vendors/balena/uptime?${day}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      vendor: { slug: 'balena', name: 'Balena' },
      component: null,
      from: '2025-09-10T00:00:00.000Z',
      to: '2025-09-11T00:00:00.000Z',
      rangeSeconds: 86_400,
      incidentSeconds: 30_000,
      weightedDowntimeSeconds: 0,
      uptimePercent: 100,
      // The maintenance opened at 22:00 and is still in progress at 22:10.
      maintenanceSeconds: 600,
      weights: { critical: 1, major: 0.5, minor: 0.1, notice: 0 },
      truncated: false,
    });
    expect(schemaProblems(body, 'UptimeEvidence')).toEqual([]);
    expect(body.method).toMatch(/worst impact weight/);
    expect(body.incidents.map((i: { id: string }) => i.id)).toEqual([
      balenaIncidentId,
      'balena-mnt1',
    ]);
    expect(body.incidents[0]).toMatchObject({
      impact: 'notice',
      from: '2025-09-10T13:47:31.000Z',
      to: '2025-09-10T22:07:31.000Z',
      seconds: 30_000,
      weight: 0,
      url: `/incidents/${balenaIncidentId}`,
    });
  });

  it('weighs by the configured weights, to the second', async () => {
    const weights = { critical: 1, major: 0.5, minor: 0.1, notice: 1 };
    const { body } = await json(app(weights), `/api/v1/vendors/balena/uptime?${day}&component=API`);
    expect(body).toMatchObject({ component: 'API', weightedDowntimeSeconds: 30_000 });
    // 100 × (1 − 30,000 / 86,400)
    expect(body.uptimePercent).toBe(65.2778);
  });

  it('answers 404 for an unknown vendor or component and 400 for a bad range', async () => {
    expect((await json(app(), `/api/v1/vendors/nobody/uptime?${day}`)).status).toBe(404);
    const ghost = await json(app(), `/api/v1/vendors/balena/uptime?${day}&component=Nope`);
    expect(ghost.status).toBe(404);
    expect(ghost.body.error.code).toBe('not_found');
    for (const query of [
      'from=2025-09-11&to=2025-09-10',
      'from=yesterday',
      'from=2025-09-10T00:00:00',
      'from=1990-01-01&to=2025-01-01',
      `${day}&format=xml`,
    ]) {
      const answer = await json(app(), `/api/v1/vendors/balena/uptime?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code, query).toBe('invalid_parameter');
    }
  });

  it('defaults to the 30 days before now', async () => {
    const { body } = await json(app(), '/api/v1/vendors/balena/uptime');
    expect(body).toMatchObject({
      from: '2025-08-11T22:10:00.000Z',
      to: now,
      rangeSeconds: 2_592_000,
    });
    expect(body.incidents.map((i: { id: string }) => i.id)).toContain('balena-old1');
  });
});

describe('GET /api/v1/vendors/{slug}/uptime as CSV', () => {
  it('is RFC 4180 CSV, one row per incident, by format=csv or Accept: text/csv', async () => {
    const byFormat = await app().request(`/api/v1/vendors/balena/uptime?${day}&format=csv`);
    const byAccept = await app().request(`/api/v1/vendors/balena/uptime?${day}`, {
      headers: { accept: 'text/csv' },
    });
    expect(byFormat.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(byFormat.headers.get('content-disposition')).toBe(
      'attachment; filename="balena-uptime-2025-09-10-2025-09-11.csv"',
    );
    const text = await byFormat.text();
    expect(await byAccept.text()).toBe(text);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'vendor',
      'component',
      'incident_id',
      'title',
      'kind',
      'impact',
      'weight',
      'started_at',
      'resolved_at',
      'counted_from',
      'counted_to',
      'counted_seconds',
      'link',
    ]);
    expect(rows[0]).toEqual([
      'balena',
      '',
      balenaIncidentId,
      'Elevated API errors on balenaCloud',
      'incident',
      'notice',
      '0',
      '2025-09-10T13:47:31.000Z',
      '2025-09-10T22:07:31.000Z',
      '2025-09-10T13:47:31.000Z',
      '2025-09-10T22:07:31.000Z',
      '30000',
      `http://localhost/incidents/${balenaIncidentId}`,
    ]);
    expect(rows[1]![2]).toBe('balena-mnt1');
  });

  it('quotes hostile titles and defuses every formula', async () => {
    const hono = createApp({ db: evil.store.db, now: () => now });
    const response = await hono.request(`/api/v1/vendors/evil/uptime?${day}&format=csv`);
    const [, ...rows] = parseCsv(await response.text());
    expect(rows.map((row) => row[3])).toEqual([
      `'=HYPERLINK("https://evil.example","click")`,
      `'+1+2`,
      `'-2+3, "quoted", and more`,
      `'@SUM(A1:A9)`,
      'plain title',
    ]);
    for (const row of rows) {
      for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const { body } = await json(hono, `/api/v1/vendors/evil/uptime?${day}`);
    // Five half hours at weight 1; the JSON keeps the vendor's text as it is.
    expect(body.weightedDowntimeSeconds).toBe(9000);
    expect(body.incidents[0].title).toBe(hostileTitles[0]);
  });
});
