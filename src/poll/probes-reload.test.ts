// The probe runner follows the store without a restart, on a SQLite file and on PostgreSQL, with a
// loopback HTTP server as the vendor's endpoint: a probe set from the watch list starts within one
// refresh, a changed one restarts with its new spec, and removing a suspected vendor's probes stops
// them and clears its suspicion (`probes removed`).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-support/databases.js';
import { loopbackFetcher } from '../../test/test-support/poller.js';
import type { VendorEvent } from '../domain/model.js';
import type { ProbeSpec } from '../domain/probe.js';
import { syncVendors, updateVendorSettings } from '../store/index.js';
import { databaseOpeners } from '../store/test-support/database-openers.js';
import { vendor } from '../store/test-support/harness.js';
import { startProbeRunner } from './probes.js';

const openerFor = databaseOpeners('probes-reload');
const refreshMs = 1000;

async function until(what: string, check: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Answers 200 "ok" on /up and /up2, 503 elsewhere; counts the requests per path. */
async function endpoint(): Promise<{ server: Server; base: string; hits: Map<string, number> }> {
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const up = path === '/up' || path === '/up2';
    response.writeHead(up ? 200 : 503, { 'content-type': 'text/plain' });
    response.end(up ? 'ok' : 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, hits };
}

function probe(name: string, url: string): ProbeSpec {
  return {
    name,
    url,
    method: 'GET',
    expectStatus: '2xx',
    bodyIncludes: null,
    intervalSeconds: 0.2,
    timeoutSeconds: 2,
  };
}

describe.each(databaseKinds)('the probe runner on %s', (kind) => {
  const opener = openerFor(kind);

  it(
    'starts, restarts and stops probes as the store changes, clearing a suspicion left without probes',
    { timeout: 20_000 },
    async () => {
      const { store } = await opener.fresh();
      const { server, base, hits } = await endpoint();
      const fetcher = loopbackFetcher();
      const events: VendorEvent[] = [];
      await syncVendors(store.db, [vendor('acme')], 'api', new Date().toISOString());
      const runner = startProbeRunner({
        db: store.db,
        fetcher,
        suspectAfter: 1,
        routeEvent: () => ['hook'],
        now: () => new Date(),
        onEvents: (recorded) => events.push(...recorded),
        refreshMs,
      });
      const count = (path: string) => hits.get(path) ?? 0;
      const set = (probes: ProbeSpec[]) =>
        updateVendorSettings(store.db, 'acme', { probes }, new Date().toISOString());
      try {
        // Added in the store: running within one refresh (plus the first run's spread).
        await set([probe('api', `${base}/up`)]);
        await until('the added probe', () => count('/up') >= 2, refreshMs + 1500);

        // Changed (a new URL): the old spec stops, the new one runs.
        await set([probe('api', `${base}/up2`)]);
        await until('the changed probe', () => count('/up2') >= 2, refreshMs + 1500);
        const oldHits = count('/up');
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect(count('/up')).toBe(oldHits);

        // The passing probe replaced by a failing one: the vendor is suspected (suspectAfter 1,
        // the global one); the passing one no longer runs to clear it.
        await set([probe('broken', `${base}/down`)]);
        await until('suspected', () => events.length === 1, refreshMs + 3000);
        expect(runner.suspected('acme')).toBe(true);
        expect(events.map((event) => event.type)).toEqual(['vendor.suspected']);

        // Every probe removed: they stop, and the open suspicion is cleared as `probes removed`.
        await set([]);
        await until('cleared', () => events.length === 2, refreshMs + 1500);
        expect(events[1]).toMatchObject({
          type: 'vendor.suspicion_cleared',
          vendorSlug: 'acme',
          changes: { because: { to: 'probes removed' } },
        });
        expect(runner.suspected('acme')).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const stopped = count('/up2') + count('/down');
        await new Promise((resolve) => setTimeout(resolve, 800));
        expect(count('/up2') + count('/down')).toBe(stopped);
        const open = await store.db
          .selectFrom('vendor_suspicions')
          .select('outcome')
          .where('vendor_slug', '=', 'acme')
          .execute();
        expect(open).toEqual([{ outcome: 'cleared' }]);
      } finally {
        await runner.stop();
        await fetcher.close();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );
});
