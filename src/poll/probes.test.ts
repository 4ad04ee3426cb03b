// The probe runner on a SQLite file against the simulator: HEAD and GET probes through the polls'
// fetcher, results stored, a vendor whose API fails suspected once and cleared when it recovers;
// a probe the address guard refuses is a failure, never a request. And how workers share vendors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackFetcher, openMigratedStore } from '../../test/test-support/poller.js';
import type { ProbeSpec } from '../domain/probe.js';
import { createFetcher } from '../fetch/fetcher.js';
import { defaultFetcherSettings } from '../fetch/types.js';
import { apiHealthPath, startSimulator, type Simulator } from '../simulate/index.js';
import { parseTimeline } from '../simulate/timeline.js';
import { listProbeStates, syncConfigVendors, type Store } from '../store/index.js';
import { probeOwner, startProbeRunner, type ProbeRunner } from './probes.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(what: string, check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One vendor whose API is up, down from 0.6 s, up again from 2.4 s. */
async function flakyApi(): Promise<Simulator> {
  const simulator = await startSimulator({
    timeline: parseTimeline(
      {
        vendors: [
          {
            slug: 'acme',
            name: 'Acme',
            components: [{ id: 'c1', name: 'API' }],
            steps: [{ afterMs: 0 }, { afterMs: 600, api: 'down' }, { afterMs: 1800, api: 'up' }],
          },
        ],
      },
      'test',
    ),
  });
  cleanups.push(() => simulator.close());
  return simulator;
}

async function sqliteStore(probes: ProbeSpec[], suspectAfter: number): Promise<Store> {
  const store = await openMigratedStore(join(mkdtempSync(join(tmpdir(), 'vw-probes-')), 'vw.db'));
  cleanups.push(() => store.close());
  await syncConfigVendors(
    store.db,
    [
      {
        slug: 'acme',
        name: 'Acme',
        statusPageUrl: 'https://status.acme.example',
        platform: 'statuspage',
        category: 'other',
        intervalSeconds: 60,
        probes,
        suspectAfter,
      },
    ],
    new Date().toISOString(),
  );
  return store;
}

function probe(url: string, overrides: Partial<ProbeSpec> = {}): ProbeSpec {
  return {
    name: 'api',
    url,
    method: 'GET',
    expectStatus: '2xx',
    bodyIncludes: null,
    intervalSeconds: 0.2,
    timeoutSeconds: 2,
    ...overrides,
  };
}

describe('the probe runner', () => {
  it(
    'suspects a vendor whose API fails and clears it when the API recovers (HEAD)',
    { timeout: 20_000 },
    async () => {
      const simulator = await flakyApi();
      const store = await sqliteStore(
        [probe(`${simulator.vendors[0]!.baseUrl}${apiHealthPath}`, { method: 'HEAD' })],
        2,
      );
      const fetcher = loopbackFetcher();
      cleanups.push(() => fetcher.close());
      const events: string[] = [];
      const runner: ProbeRunner = startProbeRunner({
        db: store.db,
        fetcher,
        routeEvent: () => ['hook'],
        now: () => new Date(),
        onEvents: (recorded) => events.push(...recorded.map((event) => event.type)),
      });
      cleanups.push(() => runner.stop());
      await until('suspected', () => Promise.resolve(runner.suspected('acme')));
      await until('cleared', () => Promise.resolve(events.includes('vendor.suspicion_cleared')));
      expect(events).toEqual(['vendor.suspected', 'vendor.suspicion_cleared']);
      const [state] = await listProbeStates(store.db, 'acme');
      expect(state).toMatchObject({ probe: 'api', ok: true, status: 200 });
      const failures = await store.db
        .selectFrom('probe_results')
        .select('status')
        .where('ok', '=', 0)
        .execute();
      expect(failures.length).toBeGreaterThanOrEqual(2);
      expect(new Set(failures.map((row) => row.status))).toEqual(new Set([503]));
    },
  );

  it(
    'counts a probe the address guard refuses as a failure, without a request',
    { timeout: 20_000 },
    async () => {
      const simulator = await flakyApi();
      const store = await sqliteStore(
        [probe(`${simulator.vendors[0]!.baseUrl}${apiHealthPath}`)],
        5,
      );
      // The real guard: loopback is not allowed.
      const fetcher = createFetcher({ ...defaultFetcherSettings, totalTimeoutMs: 2000 });
      cleanups.push(() => fetcher.close());
      const runner = startProbeRunner({
        db: store.db,
        fetcher,
        routeEvent: () => [],
        now: () => new Date(),
      });
      cleanups.push(() => runner.stop());
      await until(
        'a refused probe',
        async () => (await listProbeStates(store.db, 'acme')).length > 0,
      );
      const [state] = await listProbeStates(store.db, 'acme');
      expect(state).toMatchObject({ ok: false, status: null });
      expect(state!.error).toMatch(/private|not allowed|blocked|refused/i);
    },
  );
});

describe('probeOwner', () => {
  it('gives each vendor to exactly one live worker, the same answer everywhere', () => {
    const workers = ['host-1', 'host-2', 'host-3'];
    const slugs = Array.from({ length: 300 }, (_, i) => `vendor-${i}`);
    const owners = slugs.map((slug) => probeOwner(workers, slug));
    expect(owners.every((owner) => owner !== null && workers.includes(owner))).toBe(true);
    expect(slugs.map((slug) => probeOwner([...workers].reverse(), slug))).toEqual(owners);
    for (const worker of workers) {
      expect(owners.filter((owner) => owner === worker).length).toBeGreaterThan(60);
    }
    // A worker leaving moves only its own vendors.
    const after = slugs.map((slug) => probeOwner(['host-1', 'host-3'], slug));
    slugs.forEach((_, i) => {
      if (owners[i] !== 'host-2') expect(after[i]).toBe(owners[i]);
    });
    expect(probeOwner([], 'x')).toBeNull();
  });
});
