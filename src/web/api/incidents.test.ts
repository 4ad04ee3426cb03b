import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import {
  balenaIncidentId,
  balenaMaintenanceId,
  githubActiveId,
  githubHistoryCount,
  now,
  seedScenario,
  t1,
  t2,
  t3,
  type Scenario,
} from '../test-support/scenario.js';
import { schemaProblems } from '../test-support/schema-check.js';
import { jsonBody } from '../test-support/json-body.js';

let scenario: Scenario;
let app: Hono;
const totalIncidents = 3 + githubHistoryCount + 1;

beforeAll(async () => {
  scenario = await seedScenario();
  app = createApp({ db: scenario.testStore.store.db, now: () => now });
});
afterAll(() => scenario.testStore.dispose());

interface IncidentJson {
  id: string;
  vendorSlug: string;
  impact: string;
  startedAt: string;
  resolvedAt: string | null;
  title: string;
}

async function getJson(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers });
  return { response, body: response.status === 304 ? null : await jsonBody(response) };
}

/** Follows nextCursor to the end; fails on a page that breaks the newest-first order. */
async function walk(query: string): Promise<IncidentJson[]> {
  const all: IncidentJson[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const separator = query ? '&' : '';
    const path: string = `/api/v1/incidents?${query}${cursor ? `${separator}cursor=${cursor}` : ''}`;
    const { response, body } = await getJson(path);
    expect(response.status).toBe(200);
    all.push(...body.incidents);
    cursor = body.nextCursor;
    if (cursor === null) return all;
  }
  throw new Error('too many pages');
}

function newestFirst(a: IncidentJson, b: IncidentJson): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

describe('GET /api/v1/incidents', () => {
  it('returns { incidents, nextCursor }: 50 by default, newest first, without updates', async () => {
    const { response, body } = await getJson('/api/v1/incidents');
    expect(response.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['incidents', 'nextCursor']);
    expect(body.incidents).toHaveLength(50);
    expect(typeof body.nextCursor).toBe('string');
    expect(body.incidents.slice(0, 3).map((i: IncidentJson) => i.id)).toEqual([
      balenaMaintenanceId,
      githubActiveId,
      balenaIncidentId,
    ]);
    for (const incident of body.incidents) {
      expect(schemaProblems(incident, 'ListedIncident')).toEqual([]);
    }
    expect(body.incidents[2]).toEqual({
      id: balenaIncidentId,
      vendorSlug: 'balena',
      sourceId: '8gq2x9k1mlh4',
      title: 'Elevated API errors on balenaCloud',
      kind: 'incident',
      impact: 'notice',
      phase: 'resolved',
      startedAt: '2025-09-10T13:47:31.000Z',
      resolvedAt: t3,
      detectedAt: t1,
      backfilled: false,
      sourceUrl: 'https://status.balena.io/incidents/8gq2x9k1mlh4',
      components: ['API', 'BalenaOS Download', 'Dashboard', 'Cloudlink (VPN)', 'Builder', 'Proxy'],
      scheduledFor: null,
      scheduledUntil: null,
      regions: [],
      firstSignalAt: null,
      // The seed renamed it after first sight: the title rewrite, old → new with both times.
      flags: [
        {
          kind: 'rewritten',
          firstDetectedAt: '2025-09-10T14:30:00.000Z',
          clearedAt: null,
          evidence: {
            changes: [
              {
                field: 'title',
                updateId: null,
                from: 'Elevated API Errors',
                to: 'Elevated API errors on balenaCloud',
                fromSeenAt: t1,
                toSeenAt: '2025-09-10T14:30:00.000Z',
              },
            ],
          },
        },
      ],
    });
  });

  it('filters by a hygiene flag that holds', async () => {
    const { body } = await getJson('/api/v1/incidents?flag=rewritten&limit=1000');
    expect(body.incidents.map((i: IncidentJson) => i.id)).toContain(balenaIncidentId);
    for (const incident of body.incidents as Array<{ flags: Array<{ kind: string }> }>) {
      expect(incident.flags.map((flag) => flag.kind)).toContain('rewritten');
    }
    const stuck = await getJson('/api/v1/incidents?flag=stuck&limit=1000');
    expect(stuck.body.incidents.map((i: IncidentJson) => i.id)).not.toContain(balenaIncidentId);
  });

  it('walks every page with the cursor: none missing, none twice, in order', async () => {
    const all = await walk('limit=7');
    expect(all).toHaveLength(totalIncidents);
    expect(new Set(all.map((i) => i.id)).size).toBe(totalIncidents);
    expect(all).toEqual([...all].sort(newestFirst));
    // Pairs of GitHub incidents share a start time: the id breaks the tie on page boundaries.
    expect(all.filter((i) => i.startedAt === '2025-09-09T00:00:00.000Z')).toHaveLength(2);
  });

  it('pages with the largest limit in one go', async () => {
    const { body } = await getJson('/api/v1/incidents?limit=1000');
    expect(body.incidents).toHaveLength(totalIncidents);
    expect(body.nextCursor).toBeNull();
  });

  it('filters by vendor, active, impact, time window and words, also across pages', async () => {
    const github = await walk('vendor=github&limit=40');
    expect(github).toHaveLength(githubHistoryCount + 1);
    expect(github.every((i) => i.vendorSlug === 'github')).toBe(true);

    const active = await walk('active=true');
    expect(active.map((i) => i.id)).toEqual([balenaMaintenanceId, githubActiveId]);
    const closed = await walk('active=false&limit=1000');
    expect(closed).toHaveLength(totalIncidents - 2);
    expect(closed.every((i) => i.resolvedAt !== null)).toBe(true);

    const minor = await walk('vendor=github&impact=minor&limit=5');
    expect(minor).toHaveLength(githubHistoryCount / 4);
    expect(minor.every((i) => i.impact === 'minor')).toBe(true);
    expect(new Set(minor.map((i) => i.id)).size).toBe(minor.length);

    const today = await walk('since=2025-09-10T13:47:31Z');
    expect(today.map((i) => i.id)).toEqual([balenaMaintenanceId, githubActiveId, balenaIncidentId]);
    const window = await walk('since=2025-09-10T00:00:00%2B02:00&until=2025-09-10T21:00:00Z');
    expect(window.map((i) => i.id)).toEqual([githubActiveId, balenaIncidentId]);

    const search = await walk('q=GIT%20operations%20100%25&limit=1000');
    expect(search).toHaveLength(githubHistoryCount / 10);
    expect(search.every((i) => i.title.startsWith('Git operations 100% failing'))).toBe(true);
    expect(await walk('q=%25')).toEqual([]);
  });

  it('finds words of update texts and component names, with the other filters', async () => {
    // "being fixed" is only in the balena incident's second update; "Cloudlink" a component.
    expect((await walk('q=BEING%20fixed')).map((i) => i.id)).toEqual([balenaIncidentId]);
    expect((await walk('q=cloudlink')).map((i) => i.id)).toEqual([balenaIncidentId]);
    expect((await walk('q=cloudlink&active=true')).map((i) => i.id)).toEqual([]);
    const minorGit = await walk('q=operations&vendor=github&impact=minor&limit=2');
    expect(minorGit).toHaveLength(githubHistoryCount / 20);
    expect(minorGit.every((i) => i.impact === 'minor' && i.title.startsWith('Git'))).toBe(true);
    for (const q of ['"NEAR(*', "a:b -c 'd'", '\u0000', '日本 😀', 'x'.repeat(200)]) {
      const { response } = await getJson(`/api/v1/incidents?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
    }
  });

  it.each([
    ['limit=0', 'limit must be an integer between 1 and 1000'],
    ['limit=1001', 'limit must be an integer between 1 and 1000'],
    ['limit=abc', 'limit must be an integer between 1 and 1000'],
    ['limit=1.5', 'limit must be an integer between 1 and 1000'],
    ['limit=-1', 'limit must be an integer between 1 and 1000'],
    ['limit=', 'limit must be an integer between 1 and 1000'],
    ['active=yes', 'active must be true or false'],
    ['impact=huge', 'impact must be one of notice, minor, major, critical, maintenance'],
    ['since=yesterday', /^since must be an ISO 8601 instant/],
    ['since=2025-09-10T13:00:00', /^since must be an ISO 8601 instant/],
    ['until=2025-02-31T00:00:00Z', /^until must be an ISO 8601 instant/],
    ['since=2025-09-10T00:00:00Z&until=2025-09-09T00:00:00Z', 'since must be earlier than until'],
    ['vendor=Not%20A%20Slug', /^vendor must be a vendor slug/],
    ['q=', 'q must not be empty'],
    [`q=${'a'.repeat(201)}`, 'q must be at most 200 characters'],
    ['cursor=!!!', 'cursor must be a nextCursor value from a list'],
    ['cursor=abc', 'cursor is not one this API returned'],
    ['cursor=WzEyXQ', 'cursor is not one this API returned'],
    ['flag=sloppy', /^flag must be one of stuck, backdated/],
    ['vendr=github', /^unknown parameter "vendr"/],
    ['limit=1&limit=2', 'limit must be given at most once'],
  ])('refuses %s with 400 invalid_parameter', async (query, message) => {
    const { response, body } = await getJson(`/api/v1/incidents?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('etag')).toBeNull();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('invalid_parameter');
    if (typeof message === 'string') expect(body.error.message).toBe(message);
    else expect(body.error.message).toMatch(message);
  });
});

describe('GET /api/v1/incidents/{id}', () => {
  it('returns the incident itself with updates oldest first, revisions, duration and summary', async () => {
    const { response, body } = await getJson(`/api/v1/incidents/${balenaIncidentId}`);
    expect(response.status).toBe(200);
    expect(schemaProblems(body, 'IncidentDetail')).toEqual([]);
    expect(body).toMatchObject({
      id: balenaIncidentId,
      title: 'Elevated API errors on balenaCloud',
      phase: 'resolved',
      resolvedAt: t3,
      durationSeconds: 8 * 3600 + 20 * 60,
      summary:
        'Balena experienced a notice incident on September 10, 2025 affecting API, ' +
        'BalenaOS Download and 4 more components, lasting 8h 20m.',
    });
    expect(body.updates).toEqual([
      {
        id: 'u1',
        phase: 'investigating',
        body: 'We are <b>investigating</b> errors.',
        bodyText: 'We are <b>investigating</b> errors.',
        postedAt: '2025-09-10T13:47:31.000Z',
        detectedAt: t1,
        components: null,
      },
      expect.objectContaining({ id: 'u2', phase: 'identified', detectedAt: t2 }),
      expect.objectContaining({ id: 'u3', phase: 'resolved', postedAt: t3, detectedAt: t3 }),
    ]);
    expect(body.revisions).toEqual([
      {
        updateId: null,
        field: 'title',
        from: 'Elevated API Errors',
        to: 'Elevated API errors on balenaCloud',
        seenAt: t2,
      },
    ]);
  });

  it('counts an open incident up to now and says it is ongoing', async () => {
    const { body } = await getJson(`/api/v1/incidents/${githubActiveId}`);
    expect(body.durationSeconds).toBe(2 * 3600 + 10 * 60);
    expect(body.summary).toBe(
      'GitHub experienced a major incident on September 10, 2025 affecting Copilot, ongoing for 2h 10m.',
    );
    expect(body.revisions).toEqual([]);
    const maintenance = await getJson(`/api/v1/incidents/${balenaMaintenanceId}`);
    expect(maintenance.body.summary).toBe(
      'Balena held scheduled maintenance on September 10, 2025 affecting Dashboard, ongoing for 10m.',
    );
  });

  it('prefers the configured vendor name when one is given', async () => {
    const named = createApp({
      db: scenario.testStore.store.db,
      now: () => now,
      vendorName: (slug) => (slug === 'github' ? 'GitHub, Inc.' : undefined),
    });
    const body = await jsonBody(await named.request(`/api/v1/incidents/${githubActiveId}`));
    expect(body.summary).toMatch(/^GitHub, Inc\. experienced/);
  });

  it('answers 304 to a matching If-None-Match and 200 to a stale one', async () => {
    const first = await getJson(`/api/v1/incidents/${balenaIncidentId}`);
    const etag = first.response.headers.get('etag')!;
    const cached = await getJson(`/api/v1/incidents/${balenaIncidentId}`, {
      'if-none-match': etag,
    });
    expect(cached.response.status).toBe(304);
    const stale = await getJson(`/api/v1/incidents/${balenaIncidentId}`, {
      'if-none-match': 'W/"stale"',
    });
    expect(stale.response.status).toBe(200);
  });

  it('answers 404 not_found for an unknown id', async () => {
    const { response, body } = await getJson('/api/v1/incidents/balena-nope');
    expect(response.status).toBe(404);
    expect(body).toEqual({
      error: { code: 'not_found', message: 'no incident with id "balena-nope"' },
    });
  });
});
