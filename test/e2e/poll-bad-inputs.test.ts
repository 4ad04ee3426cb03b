// Every bad input of docs/security.md#bad-inputs that concerns polling: the process lives, the
// vendor is `failing` with a readable reason, and the history stored before stays intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/domain/model.js';
import type { Fetcher } from '../../src/fetch/types.js';
import { pollVendor } from '../../src/poll/cycle.js';
import {
  getIncident,
  listIncidents,
  listVendorStatuses,
  syncVendors,
  type Store,
} from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import { loopbackFetcher, openMigratedStore, pollDeps } from '../test-support/poller.js';
import {
  badBehaviours,
  fixture,
  startSwitchableVendor,
  type SwitchableVendor,
} from '../test-support/switchable-vendor.js';

const goodBodies = {
  summary: fixture('summary.github.2022-11-25.unresolved.json'),
  incidents: fixture('incidents.github.2026-07-31.first13.json'),
};
const openIncidentId = 'github-ljwdk6qml8z8';

let vendorServer: SwitchableVendor;
let fetcher: Fetcher;

beforeAll(async () => {
  vendorServer = await startSwitchableVendor('127.0.0.3');
  fetcher = loopbackFetcher({ allowedPrivateRanges: ['127.0.0.3/32'], totalTimeoutMs: 4000 });
});

afterAll(async () => {
  await fetcher.close();
  await vendorServer.close();
});

async function freshVendorWithHistory(): Promise<{ store: Store; vendor: Vendor }> {
  const database = await createTestDatabase('sqlite');
  const store = await openMigratedStore(database.url);
  const vendor: Vendor = {
    slug: 'github',
    name: 'GitHub',
    statusPageUrl: vendorServer.baseUrl,
    platform: 'statuspage',
    category: 'devtools',
    intervalSeconds: 60,
  };
  await syncVendors(store.db, [vendor], 'config', new Date().toISOString());
  vendorServer.serve(goodBodies);
  const first = await pollVendor(pollDeps(store, fetcher), vendor);
  expect(first.kind).toBe('changed');
  return { store, vendor };
}

async function historySize(store: Store): Promise<number> {
  return (await listIncidents(store.db, { limit: 1000 })).incidents.length;
}

const expectedReason: Record<keyof typeof badBehaviours, RegExp> = {
  'invalid JSON': /parse: summary\.json is not JSON/,
  'HTML where JSON was expected': /parse: summary\.json .*HTML/,
  'an empty body': /parse: summary\.json/,
  'a 10 MB body': /larger than|too large|exceeds/i,
  'a gzip bomb': /larger than|too large|exceeds/i,
  'a body that drips one byte a second':
    /no complete response from 127\.0\.0\.3(:\d+)? within 4000 ms/,
  'a hang after headers': /no complete response from 127\.0\.0\.3(:\d+)? within 4000 ms/,
  'a connection reset': /reset|closed|socket|network/i,
  'a redirect loop': /redirect/i,
  'a redirect to 169.254.169.254': /169\.254\.169\.254.*not a public address|blocked/i,
  'a redirect to 127.0.0.1': /127\.0\.0\.1.*not|blocked/i,
  'a server error': /503/,
  'a non-UTF-8 body': /parse: summary\.json is not JSON/,
};

describe('a vendor that starts answering badly', () => {
  it.each(Object.keys(badBehaviours))('%s: failing with a reason, history intact', async (name) => {
    const { store, vendor } = await freshVendorWithHistory();
    try {
      const before = await historySize(store);
      const openBefore = await getIncident(store.db, openIncidentId);
      vendorServer.misbehave(badBehaviours[name]!);
      const outcome = await pollVendor(pollDeps(store, fetcher), vendor);
      expect(outcome.kind).toBe('failed');
      expect(outcome.kind === 'failed' && outcome.error).toMatch(expectedReason[name]!);
      expect(outcome.durationMs).toBeLessThan(8000);

      const [status] = await listVendorStatuses(store.db, new Date().toISOString());
      expect(status).toMatchObject({ slug: 'github', health: 'failing' });
      expect(status!.error).toMatch(expectedReason[name]!);
      // The last good data stays, and the failure is never shown as all-clear.
      expect(status!.status).not.toBe('operational');
      expect(await historySize(store)).toBe(before);
      expect(await getIncident(store.db, openIncidentId)).toEqual(openBefore);
    } finally {
      await store.close();
    }
  });

  it('a DNS failure makes the vendor failing, naming the host', async () => {
    const { store, vendor } = await freshVendorWithHistory();
    try {
      const outcome = await pollVendor(pollDeps(store, fetcher), {
        ...vendor,
        statusPageUrl: 'http://status.vendor.invalid',
      });
      expect(outcome.kind === 'failed' && outcome.error).toMatch(/status\.vendor\.invalid/);
    } finally {
      await store.close();
    }
  });
});

describe('a vendor that stays down', () => {
  it('is announced unreachable once, after its data went stale, and recovered once', async () => {
    const { store, vendor } = await freshVendorWithHistory();
    try {
      let clock = Date.now();
      const events: string[] = [];
      const deps = pollDeps(store, fetcher, {
        now: () => new Date(clock),
        onEvents: (recorded) => events.push(...recorded.map((e) => e.type)),
      });
      vendorServer.misbehave(badBehaviours['a server error']!);
      const outcomes: string[] = [];
      for (let minute = 1; minute <= 6; minute++) {
        clock += 60_000;
        outcomes.push((await pollVendor(deps, vendor)).kind);
      }
      expect(outcomes).toEqual(Array<string>(6).fill('failed'));
      // Interval 60 s: stale after 3 intervals, so the 4th failing minute announces it, once.
      expect(events).toEqual(['vendor.unreachable']);
      const [status] = await listVendorStatuses(store.db, new Date(clock).toISOString());
      expect(status).toMatchObject({ health: 'stale' });
      expect(status!.error).toMatch(/^summary\.json: 127\.0\.0\.3:\d+ answered HTTP 503$/);

      vendorServer.serve(goodBodies);
      clock += 60_000;
      expect((await pollVendor(deps, vendor)).kind).toBe('changed');
      clock += 60_000;
      await pollVendor(deps, vendor);
      expect(events).toEqual(['vendor.unreachable', 'vendor.recovered']);
    } finally {
      await store.close();
    }
  });
});

describe('a vendor that sends odd but valid payloads', () => {
  it('wrong types, missing fields, duplicated ids and a future-dated update degrade items, not the poll', async () => {
    const { store, vendor } = await freshVendorWithHistory();
    try {
      const summary = structuredClone(goodBodies.summary);
      const open = summary.incidents[0];
      summary.components[0].status = { weird: true };
      delete summary.components[1].id;
      open.incident_updates.unshift({
        ...open.incident_updates[0],
        id: 'futureupdate',
        body: 'From the future <script>window.__xss=1</script><a href="javascript:alert(1)">x</a>',
        display_at: '2099-01-01T00:00:00.000Z',
        created_at: '2099-01-01T00:00:00.000Z',
      });
      summary.incidents.push({
        ...open,
        name: 'Duplicate with older updated_at',
        updated_at: '2000-01-01T00:00:00.000Z',
      });
      summary.incidents.push({ name: 'No id at all', status: 42 });
      vendorServer.serve({ summary, incidents: goodBodies.incidents });
      const outcome = await pollVendor(pollDeps(store, fetcher), vendor);
      expect(outcome.kind).toBe('changed');
      const stored = await getIncident(store.db, openIncidentId);
      expect(stored!.title).toBe(open.name);
      const future = stored!.updates.find((u) => u.id === 'futureupdate')!;
      expect(future.postedAt).toBe('2099-01-01T00:00:00.000Z');
      expect(future.body).not.toMatch(/script|javascript:/);
      expect(future.bodyText).toBe('From the future x');
      const [status] = await listVendorStatuses(store.db, new Date().toISOString());
      expect(status!.health).toBe('ok');
    } finally {
      await store.close();
    }
  });

  it('a vendor that deletes an open incident: kept in history, closed as withdrawn', async () => {
    const { store, vendor } = await freshVendorWithHistory();
    try {
      const summary = { ...goodBodies.summary, incidents: [] };
      const events: string[] = [];
      vendorServer.serve({ summary, incidents: goodBodies.incidents });
      await pollVendor(
        pollDeps(store, fetcher, {
          onEvents: (recorded) => events.push(...recorded.map((e) => e.type)),
        }),
        vendor,
      );
      expect(events).toEqual(['incident.resolved']);
      const stored = await getIncident(store.db, openIncidentId);
      expect(stored!.phase).toBe('resolved');
      expect(stored!.updates).toHaveLength(7);
    } finally {
      await store.close();
    }
  });

  it('a vendor that re-opens a resolved incident', async () => {
    const { store, vendor } = await freshVendorWithHistory();
    try {
      const resolved = structuredClone(goodBodies.summary);
      const open = resolved.incidents[0];
      const resolvedIncident = {
        ...open,
        status: 'resolved',
        resolved_at: '2022-11-25T18:00:00.000Z',
        updated_at: '2022-11-25T18:00:00.000Z',
        incident_updates: [
          {
            ...open.incident_updates[0],
            id: 'resolvedupd1',
            status: 'resolved',
            display_at: '2022-11-25T18:00:00.000Z',
            created_at: '2022-11-25T18:00:00.000Z',
          },
          ...open.incident_updates,
        ],
      };
      const events: string[] = [];
      const deps = pollDeps(store, fetcher, {
        onEvents: (recorded) => events.push(...recorded.map((e) => e.type)),
      });
      vendorServer.serve({
        summary: { ...resolved, incidents: [] },
        incidents: { incidents: [resolvedIncident] },
      });
      await pollVendor(deps, vendor);
      const reopened = {
        ...resolvedIncident,
        status: 'investigating',
        resolved_at: null,
        updated_at: '2022-11-25T19:00:00.000Z',
        incident_updates: [
          {
            ...open.incident_updates[0],
            id: 'reopenupd01',
            status: 'investigating',
            display_at: '2022-11-25T19:00:00.000Z',
            created_at: '2022-11-25T19:00:00.000Z',
          },
          ...resolvedIncident.incident_updates,
        ],
      };
      vendorServer.serve({
        summary: { ...resolved, incidents: [reopened] },
        incidents: { incidents: [reopened] },
      });
      await pollVendor(deps, vendor);
      expect(events).toEqual(['incident.resolved', 'incident.reopened']);
      const stored = await getIncident(store.db, openIncidentId);
      expect(stored).toMatchObject({ phase: 'investigating', resolvedAt: null });
      expect(stored!.updates).toHaveLength(9);
    } finally {
      await store.close();
    }
  });
});
