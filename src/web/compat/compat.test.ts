// /compat/{slug}/api/v2/*.json against the field list of real Statuspage payloads (derived from the
// captured fixtures in test/fixtures/statuspage, not written here), plus what the routes promise:
// JSON content type, ETag and Last-Modified revalidation, raw (not HTML-escaped) text, Statuspage's
// list semantics, and a JSON 404 for unknown vendors and paths. On a SQLite file and PostgreSQL.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/test-support/databases.js';
import type { ObservedComponent } from '../../domain/snapshot.js';
import { databaseOpeners } from '../../store/test-support/database-openers.js';
import {
  addVendors,
  at,
  incident,
  poll,
  snapshot,
  update,
} from '../../store/test-support/harness.js';
import type { Store } from '../../store/index.js';
import { createApp } from '../app.js';
import { jsonBody } from '../test-support/json-body.js';
import { compatEndpoints } from './statuspage-body.js';
import { fieldListOf, fieldProblems, objectPaths } from './test-support/fixture-fields.js';

const fixtureDir = fileURLToPath(new URL('../../../test/fixtures/statuspage', import.meta.url));
const real = fieldListOf(fixtureDir);
const openerFor = databaseOpeners('compat');
const now = at(120);

const components: ObservedComponent[] = [
  { id: 'api', name: 'API', group: 'Core', status: 'partial_outage', position: 0 },
  { id: 'db', name: 'Database', group: 'Core', status: 'operational', position: 1 },
  { id: 'web', name: 'Dashboard', group: null, status: 'unknown', position: 2 },
];

/** A page with every kind of item a Statuspage page shows, stored through the real poll path. */
async function seed(store: Store): Promise<void> {
  await addVendors(store, ['acme']);
  const open = incident('open1', {
    title: 'Errors <b>& timeouts</b>',
    impact: 'major',
    components: ['API', 'Old name'],
    updates: [
      { ...update('o-u1', 'investigating', at(0)), components: ['API'] },
      { ...update('o-u2', 'identified', at(10)), components: ['API', 'Old name'] },
    ],
  });
  const resolved = incident('done1', {
    impact: 'notice',
    phase: 'postmortem',
    resolvedAt: at(-30),
    updates: [
      update('d-u1', 'investigating', at(-60)),
      update('d-u2', 'monitoring', at(-45)),
      update('d-u3', 'resolved', at(-30)),
      update('d-u4', 'postmortem', at(-20), 'What <i>happened</i>'),
    ],
  });
  const maintenance = (
    sourceId: string,
    phase: 'scheduled' | 'in_progress' | 'completed',
    from: number,
  ) =>
    incident(sourceId, {
      kind: 'maintenance',
      impact: 'maintenance',
      phase,
      startedAt: at(from),
      scheduledFor: at(from),
      scheduledUntil: at(from + 60),
      resolvedAt: phase === 'completed' ? at(from + 60) : null,
      components: ['Database'],
      updates: [
        { ...update(`${sourceId}-u1`, 'scheduled', at(from - 100)), components: ['Database'] },
        ...(phase === 'scheduled' ? [] : [update(`${sourceId}-u2`, 'in_progress', at(from))]),
        ...(phase === 'completed' ? [update(`${sourceId}-u3`, 'completed', at(from + 60))] : []),
      ],
    });
  await poll(
    store,
    'acme',
    snapshot(
      [
        open,
        resolved,
        maintenance('m-next', 'scheduled', 300),
        maintenance('m-now', 'in_progress', 100),
        maintenance('m-past', 'completed', -300),
      ],
      components,
    ),
    now,
  );
}

async function get(store: Store, path: string, headers: Record<string, string> = {}) {
  const app = createApp({ db: store.db, now: () => now });
  return app.request(`http://vw.test${path}`, { headers });
}

describe.each(databaseKinds)('the Statuspage-compatible API on %s', (kind) => {
  const opener = openerFor(kind);

  it('answers every endpoint with the keys and types real Statuspage pages send', async () => {
    const { store } = await opener.fresh();
    await seed(store);
    expect(real.files.length).toBeGreaterThanOrEqual(8);
    const reached = new Set<string>();
    for (const endpoint of compatEndpoints) {
      const response = await get(store, `/compat/acme/api/v2/${endpoint}.json`);
      expect(response.status, endpoint).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = await jsonBody(response);
      expect(fieldProblems(body, real.fields), endpoint).toEqual([]);
      const captured = real.topLevel.get(endpoint);
      if (captured) expect(Object.keys(body).sort(), endpoint).toEqual([...captured].sort());
      for (const path of objectPaths(body)) reached.add(path);
    }
    // The data reached every kind of object the real payloads have, so each was checked.
    expect([...real.fields.keys()].filter((path) => !reached.has(path))).toEqual([]);
  });

  it('lists as Statuspage does: open ones in the summary, maintenances by phase, newest first', async () => {
    const { store } = await opener.fresh();
    await seed(store);
    const ids = async (endpoint: string, key: string) =>
      (
        (await jsonBody(await get(store, `/compat/acme/api/v2/${endpoint}.json`)))[key] as Array<{
          id: string;
        }>
      ).map((item) => item.id);
    expect(await ids('summary', 'incidents')).toEqual(['open1']);
    expect(await ids('summary', 'scheduled_maintenances')).toEqual(['m-next', 'm-now']);
    expect(await ids('incidents', 'incidents')).toEqual(['open1', 'done1']);
    expect(await ids('incidents/unresolved', 'incidents')).toEqual(['open1']);
    expect(await ids('scheduled-maintenances', 'scheduled_maintenances')).toEqual([
      'm-next',
      'm-now',
      'm-past',
    ]);
    expect(await ids('scheduled-maintenances/upcoming', 'scheduled_maintenances')).toEqual([
      'm-next',
    ]);
    expect(await ids('scheduled-maintenances/active', 'scheduled_maintenances')).toEqual(['m-now']);

    const summary = await jsonBody(await get(store, '/compat/acme/api/v2/summary.json'));
    // The worst of components and open impacts: the major incident's partial outage.
    expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    const rows = summary.components.map((c: Record<string, unknown>) => [
      c.name,
      c.group,
      c.status,
    ]);
    expect(rows).toEqual([
      ['Core', true, 'partial_outage'],
      ['API', false, 'partial_outage'],
      ['Database', false, 'operational'],
      ['Dashboard', false, 'unknown'],
    ]);
    const open = summary.incidents[0];
    // Text is served as stored (sanitized HTML), never HTML-escaped again.
    expect(open.name).toBe('Errors <b>& timeouts</b>');
    expect(open.impact).toBe('major');
    expect(open.incident_updates.map((u: { id: string }) => u.id)).toEqual(['o-u2', 'o-u1']);
    expect(open.components.map((c: { name: string }) => c.name)).toEqual(['API', 'Old name']);
    expect(open.incident_updates[0].affected_components).toEqual([
      { code: 'api', name: 'API', old_status: 'partial_outage', new_status: 'partial_outage' },
      {
        code: open.components[1].id,
        name: 'Old name',
        old_status: 'operational',
        new_status: 'partial_outage',
      },
    ]);
    const history = await jsonBody(await get(store, '/compat/acme/api/v2/incidents.json'));
    expect(history.incidents[1]).toMatchObject({ impact: 'none', status: 'postmortem' });
    expect(history.incidents[1].monitoring_at).toBe(at(-45));
  });

  it('revalidates with ETag and Last-Modified, and answers 404 in JSON', async () => {
    const { store } = await opener.fresh();
    await seed(store);
    const first = await get(store, '/compat/acme/api/v2/status.json');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\//);
    expect(new Date(lastModified).toISOString()).toBe(
      new Date(Math.floor(Date.parse(now) / 1000) * 1000).toISOString(),
    );
    expect(
      (await get(store, '/compat/acme/api/v2/status.json', { 'if-none-match': etag })).status,
    ).toBe(304);
    expect(
      (await get(store, '/compat/acme/api/v2/status.json', { 'if-modified-since': lastModified }))
        .status,
    ).toBe(304);
    expect(
      (await get(store, '/compat/acme/api/v2/status.json', { 'if-none-match': 'W/"other"' }))
        .status,
    ).toBe(200);

    // A vendor never read: no data is not good news, so the indicator is not `none`.
    await addVendors(store, ['fresh']);
    const fresh = await jsonBody(await get(store, '/compat/fresh/api/v2/summary.json'));
    expect(fresh.status).toEqual({ indicator: 'minor', description: 'Status Unknown' });
    expect([fresh.components, fresh.incidents, fresh.scheduled_maintenances]).toEqual([[], [], []]);

    for (const path of ['/compat/nobody/api/v2/summary.json', '/compat/acme/api/v2/nothing.json']) {
      const missing = await get(store, path);
      expect(missing.status, path).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await jsonBody(missing)).toMatchObject({ error: 'not_found' });
    }
  });
});
