// Each platform's bodies, served over HTTP and parsed by that platform's real adapter, give back
// the model: components, incidents, phases, times and updates as far as the format carries them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdapter } from '../adapters/registry.js';
import type { VendorSnapshot } from '../domain/snapshot.js';
import { createFetcher } from '../fetch/fetcher.js';
import { defaultFetcherSettings } from '../fetch/types.js';
import { detectPlatform } from '../poll/detect.js';
import { cachetIncidentId } from '../adapters/cachet/sim-render.js';
import { incidentioIncidentId } from '../adapters/incidentio/sim-render.js';
import { cuidOf } from '../adapters/sim-kit/platform-ids.js';
import { startSimulator, type Simulator } from './simulator.js';
import { parseTimeline } from './timeline.js';
import { stepState } from './timeline-state.js';
import type { SimIncident } from '../adapters/sim-kit/types.js';
import { simPlatforms, type SimPlatform } from './platforms.js';

const up = (id: string, status: string, at: string, body = `${status} at ${at}`) => ({
  id,
  status,
  at,
  body,
});
const vendorDef = {
  slug: 'acme',
  name: 'Acme',
  components: [
    { id: 'api', name: 'API' },
    { id: 'web', name: 'Web', group: 'Core' },
    { id: 'db', name: 'Database', group: 'Core' },
  ],
  steps: [
    {
      afterMs: 0,
      at: '2026-07-01T10:00:00Z',
      components: { api: 'partial_outage', db: 'under_maintenance' },
      incidents: [
        {
          id: 'inc-open',
          name: 'API errors <b>&</b> timeouts',
          status: 'identified',
          impact: 'major',
          components: ['api'],
          updates: [
            up('u1', 'investigating', '2026-07-01T09:50:00Z'),
            up('u2', 'identified', '2026-07-01T09:55:00Z', 'Cause found: <script>x</script>'),
          ],
        },
        {
          id: 'inc-done',
          name: 'Slow dashboard',
          status: 'resolved',
          impact: 'minor',
          components: ['web'],
          updates: [
            up('u3', 'investigating', '2026-06-20T08:00:00Z'),
            up('u4', 'investigating', '2026-06-20T08:10:00Z'),
            up('u5', 'resolved', '2026-06-20T08:30:00Z'),
          ],
        },
      ],
      maintenances: [
        {
          id: 'mnt-now',
          name: 'Database upgrade',
          status: 'in_progress',
          impact: 'maintenance',
          components: ['db'],
          scheduledFor: '2026-07-01T09:00:00Z',
          scheduledUntil: '2026-07-01T12:00:00Z',
          updates: [
            up('u6', 'scheduled', '2026-06-28T09:00:00Z'),
            up('u7', 'in_progress', '2026-07-01T09:00:00Z'),
          ],
        },
      ],
    },
  ],
};
const timeline = parseTimeline({
  vendors: simPlatforms.map((platform) => ({ ...vendorDef, slug: `acme-${platform}`, platform })),
});
const model = stepState(timeline.vendors[0]!, timeline.vendors[0]!.steps[0]!, null, Date.now());
const item = (id: string): SimIncident =>
  [...model.incidents, ...model.maintenances].find((i) => i.id === id)!;
const iso = (ms: number): string => new Date(ms).toISOString();

let simulator: Simulator;
const snapshots = new Map<SimPlatform, VendorSnapshot>();

beforeAll(async () => {
  simulator = await startSimulator({ timeline });
  for (const vendor of simulator.vendors) {
    const adapter = getAdapter(vendor.platform)!;
    const bodies: Record<string, string | null> = {};
    for (const endpoint of adapter.endpoints(vendor.baseUrl)) {
      const response = await fetch(endpoint.url);
      if (endpoint.required) expect(response.status, endpoint.url).toBe(200);
      bodies[endpoint.key] = response.ok ? await response.text() : null;
    }
    const parsed = adapter.parse(bodies, { statusPageUrl: vendor.baseUrl });
    if (!parsed.ok) throw new Error(`${vendor.platform}: ${parsed.error}`);
    snapshots.set(vendor.platform, parsed.snapshot);
  }
});
afterAll(() => simulator.close());

function byId(snapshot: VendorSnapshot, id: string) {
  const found = snapshot.incidents.find((i) => i.sourceId === id);
  expect(found, `incident ${id} in ${snapshot.platform}`).toBeDefined();
  return found!;
}

const componentsWithGroups = [
  { name: 'API', group: null, status: 'partial_outage' },
  { name: 'Web', group: 'Core', status: 'operational' },
  { name: 'Database', group: 'Core', status: 'under_maintenance' },
];

describe('simulated platforms parsed by their real adapters', () => {
  it('serves one vendor per platform, with each platform its own paths', () => {
    expect(simulator.vendors.map((v) => v.platform)).toEqual([...simPlatforms]);
  });

  it('statuspage: components with groups, every incident and update', () => {
    const snapshot = snapshots.get('statuspage')!;
    expect(snapshot.components.map(({ name, group, status }) => ({ name, group, status }))).toEqual(
      componentsWithGroups,
    );
    expect(byId(snapshot, 'inc-done').updates.map((u) => u.phase)).toEqual([
      'investigating',
      'investigating',
      'resolved',
    ]);
  });

  it('incidentio: flat components, ULIDs, Z times, open and resolved incidents with updates', () => {
    const snapshot = snapshots.get('incidentio')!;
    expect(snapshot.components.map(({ name, group, status }) => ({ name, group, status }))).toEqual(
      componentsWithGroups.map((c) => ({ ...c, group: null })),
    );
    expect(snapshot.components.every((c) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(c.id))).toBe(true);
    const open = byId(snapshot, incidentioIncidentId(item('inc-open')));
    expect(open).toMatchObject({ phase: 'identified', impact: 'major', resolvedAt: null });
    expect(open.startedAt).toBe(iso(item('inc-open').createdAt));
    expect(open.updates.map((u) => [u.phase, u.postedAt])).toEqual([
      ['investigating', '2026-07-01T09:50:00.000Z'],
      ['identified', '2026-07-01T09:55:00.000Z'],
    ]);
    const done = byId(snapshot, incidentioIncidentId(item('inc-done')));
    expect(done).toMatchObject({ phase: 'resolved', resolvedAt: '2026-06-20T08:30:00.000Z' });
    expect(byId(snapshot, incidentioIncidentId(item('mnt-now')))).toMatchObject({
      kind: 'maintenance',
      phase: 'in_progress',
      scheduledFor: '2026-07-01T09:00:00.000Z',
    });
    expect(snapshot.listsAllOpen).toBe(true);
  });

  it('instatus: grouped components, only active items, ids from the URL cuid', () => {
    const snapshot = snapshots.get('instatus')!;
    expect(snapshot.components.map(({ name, group, status }) => ({ name, group, status }))).toEqual(
      componentsWithGroups,
    );
    expect(snapshot.incidents.map((i) => i.sourceId).sort()).toEqual(
      [cuidOf('inc-open'), cuidOf('mnt-now')].sort(),
    );
    expect(byId(snapshot, cuidOf('inc-open'))).toMatchObject({
      phase: 'identified',
      impact: 'major',
      startedAt: '2026-07-01T09:50:00.000Z',
    });
    expect(byId(snapshot, cuidOf('mnt-now'))).toMatchObject({
      kind: 'maintenance',
      phase: 'in_progress',
      scheduledFor: '2026-07-01T09:00:00.000Z',
      scheduledUntil: '2026-07-01T12:00:00.000Z',
    });
  });

  it('cachet: numeric ids, group names, status codes, zone-less times read as UTC', () => {
    const snapshot = snapshots.get('cachet')!;
    // Cachet 2 has no maintenance status for components: it reads as degraded.
    expect(snapshot.components.map(({ name, group, status }) => ({ name, group, status }))).toEqual(
      componentsWithGroups.map((c) =>
        c.status === 'under_maintenance' ? { ...c, status: 'degraded_performance' } : c,
      ),
    );
    const open = byId(snapshot, String(cachetIncidentId(item('inc-open'))));
    expect(open).toMatchObject({
      phase: 'identified',
      startedAt: '2026-07-01T09:50:00.000Z',
      components: ['API'],
    });
    expect(open.updates.map((u) => [u.phase, u.postedAt])).toEqual([
      ['identified', '2026-07-01T09:50:00.000Z'],
      ['identified', '2026-07-01T09:55:00.000Z'],
    ]);
    const done = byId(snapshot, String(cachetIncidentId(item('inc-done'))));
    expect(done).toMatchObject({ phase: 'resolved', resolvedAt: '2026-06-20T08:30:00.000Z' });
    expect(byId(snapshot, String(cachetIncidentId(item('mnt-now'))))).toMatchObject({
      kind: 'maintenance',
      phase: 'scheduled',
    });
    expect(snapshot.listsAllOpen).toBe(true);
  });

  it('rss: one entry per item, the timeline with labels and minute times, escaped text', () => {
    const snapshot = snapshots.get('rss')!;
    expect(snapshot.pageName).toBe('Acme Status - Incident History');
    const open = byId(snapshot, 'inc-open');
    expect(open.title).toBe('API errors <b>&</b> timeouts');
    expect(open.updates.map((u) => [u.phase, u.postedAt])).toEqual([
      ['investigating', '2026-07-01T09:50:00.000Z'],
      ['identified', '2026-07-01T09:55:00.000Z'],
    ]);
    expect(open.updates[1]!.bodyText).toContain('Cause found: <script>x</script>');
    const done = byId(snapshot, 'inc-done');
    expect(done.updates.map((u) => u.phase)).toEqual([
      'investigating',
      'investigating',
      'resolved',
    ]);
    expect(done).toMatchObject({ phase: 'resolved', resolvedAt: '2026-06-20T08:30:00.000Z' });
    expect(byId(snapshot, 'mnt-now')).toMatchObject({ kind: 'maintenance', phase: 'in_progress' });
  });

  it.each(simPlatforms)('%s answers If-None-Match with 304 and its own content type', async (p) => {
    const vendor = simulator.vendors.find((v) => v.platform === p)!;
    const url = getAdapter(p)!.endpoints(vendor.baseUrl)[0]!.url;
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('content-type')).toMatch(p === 'rss' ? /atom\+xml/ : /json/);
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('cachet: answers its ping as real Cachet does, so the page is detected as Cachet', async () => {
    const cachet = simulator.vendors.find((v) => v.platform === 'cachet')!;
    const ping = await fetch(`${cachet.baseUrl}/api/v1/ping`);
    expect(await ping.json()).toEqual({ data: 'Pong!' });
    const fetcher = createFetcher({
      ...defaultFetcherSettings,
      allowedPrivateRanges: ['127.0.0.1/32'],
    });
    try {
      const detection = await detectPlatform(fetcher, cachet.baseUrl);
      expect(detection).toMatchObject({ ok: true, platform: 'cachet' });
    } finally {
      await fetcher.close();
    }
  });

  it('a vendor does not answer another platform’s paths', async () => {
    const cachet = simulator.vendors.find((v) => v.platform === 'cachet')!;
    expect((await fetch(`${cachet.baseUrl}/api/v2/summary.json`)).status).toBe(404);
  });
});

describe('scripted platforms option', () => {
  it('assigns platforms round-robin and refuses unknown ones', async () => {
    const fleet = await startSimulator({ vendors: 3, platforms: ['cachet', 'rss'] });
    try {
      expect(fleet.vendors.map((v) => v.platform)).toEqual(['cachet', 'rss', 'cachet']);
      const feed = await fetch(`${fleet.vendors[1]!.baseUrl}/history.atom`);
      expect(feed.status).toBe(200);
    } finally {
      await fleet.close();
    }
    await expect(startSimulator({ platforms: ['statuspage', 'bogus'] })).rejects.toThrow(/bogus/);
  });
});
