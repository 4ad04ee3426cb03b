// A poll whose responses carry the validators already stored (a 304 repeating its ETag, as most
// polls are) leaves the stored validators as they are; new or changed validators, or an endpoint
// no longer fetched, rewrite them. The fetcher is sent the stored validators every time.
import { afterEach, describe, expect, it } from 'vitest';
import { getAdapter } from '../adapters/registry.js';
import type { Vendor } from '../domain/model.js';
import type { ConditionalValidators, Fetcher, FetchOptions, FetchResult } from '../fetch/types.js';
import { syncVendors, type Store } from '../store/index.js';
import {
  databaseKinds,
  createTestDatabase,
  type TestDatabase,
} from '../../test/test-support/databases.js';
import { openMigratedStore } from '../../test/test-support/poller.js';
import { pollVendor } from './cycle.js';

const base = 'https://status.acme.example';
const summaryUrl = `${base}/api/v2/summary.json`;
const incidentsUrl = `${base}/api/v2/incidents.json`;
const maintenancesUrl = `${base}/api/v2/scheduled-maintenances.json`;
const bodies: Record<string, string> = {
  [summaryUrl]: JSON.stringify({
    page: { id: 'p', name: 'Acme', url: base },
    components: [{ id: 'api', name: 'API', status: 'operational', position: 1 }],
    incidents: [],
    scheduled_maintenances: [],
  }),
  [incidentsUrl]: JSON.stringify({ incidents: [] }),
  [maintenancesUrl]: JSON.stringify({ scheduled_maintenances: [] }),
};
const acme: Vendor = {
  slug: 'acme',
  name: 'Acme',
  statusPageUrl: base,
  platform: 'statuspage',
  category: 'other',
  intervalSeconds: 60,
};

/** A server with one ETag per URL: 304 when it was sent, else the body; records what was sent. */
function etagFetcher(
  etags: Map<string, string>,
  sent: Array<ConditionalValidators | null>,
): Fetcher {
  return {
    fetch: (options: FetchOptions): Promise<FetchResult> => {
      sent.push(options.validators ?? null);
      const etag = etags.get(options.url)!;
      const validators = { etag, lastModified: null };
      if (options.validators?.etag === etag) {
        return Promise.resolve({
          ok: true,
          notModified: true,
          status: 304,
          finalUrl: options.url,
          validators,
        });
      }
      const body = bodies[options.url]!;
      return Promise.resolve({
        ok: true,
        notModified: false,
        status: 200,
        body,
        bytes: body.length,
        finalUrl: options.url,
        validators,
      });
    },
    close: () => Promise.resolve(),
  };
}

let store: Store | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await store?.close();
  await database?.drop();
  store = undefined;
  database = undefined;
});

describe.each(databaseKinds)('stored validators on %s', (kind) => {
  it('are left as stored while responses repeat them, and rewritten when they change', async () => {
    database = await createTestDatabase(kind);
    store = await openMigratedStore(database.url);
    const db = store.db;
    await syncVendors(db, [acme], 'config', '2025-09-10T10:00:00.000Z');
    const etags = new Map([
      [summaryUrl, '"s1"'],
      [incidentsUrl, '"i1"'],
      [maintenancesUrl, '"m1"'],
    ]);
    const sent: Array<ConditionalValidators | null> = [];
    let clock = Date.parse('2025-09-10T10:00:00.000Z');
    const deps = {
      db,
      fetcher: etagFetcher(etags, sent),
      adapterFor: getAdapter,
      routeEvent: () => [],
      now: () => new Date(clock),
      random: () => 0.5,
      leaseOwner: null,
    };
    const poll = async () => {
      clock += 60_000;
      const outcome = await pollVendor(deps, acme);
      expect(outcome.kind).not.toMatch(/failed|crashed/);
    };
    const stored = async () =>
      (
        await db
          .selectFrom('vendor_state')
          .select('validators')
          .where('slug', '=', 'acme')
          .executeTakeFirstOrThrow()
      ).validators;
    const setStored = (text: string) =>
      db.updateTable('vendor_state').set({ validators: text }).where('slug', '=', 'acme').execute();

    await poll(); // every body, every ETag new
    expect(JSON.parse((await stored())!)).toEqual({
      [summaryUrl]: { etag: '"s1"', lastModified: null },
      [incidentsUrl]: { etag: '"i1"', lastModified: null },
      [maintenancesUrl]: { etag: '"m1"', lastModified: null },
    });

    // The same validators in another spelling: a poll that only repeats them leaves the text.
    const respelled = JSON.stringify(JSON.parse((await stored())!), null, 2);
    await setStored(respelled);
    sent.length = 0;
    await poll();
    expect(sent.map((validators) => validators?.etag)).toEqual(['"s1"', '"i1"', '"m1"']);
    expect(await stored()).toBe(respelled);

    // One ETag changes: the validators are written again, with the new one.
    etags.set(incidentsUrl, '"i2"');
    await poll();
    expect(JSON.parse((await stored())!)).toMatchObject({
      [incidentsUrl]: { etag: '"i2"', lastModified: null },
    });
    expect(await stored()).not.toBe(respelled);

    // An endpoint no longer fetched (an old URL) is dropped although the others repeat.
    const withOld = JSON.parse((await stored())!) as Record<string, unknown>;
    withOld[`${base}/old.json`] = { etag: '"o"', lastModified: null };
    await setStored(JSON.stringify(withOld));
    await poll();
    expect(Object.keys(JSON.parse((await stored())!) as object).sort()).toEqual(
      [incidentsUrl, maintenancesUrl, summaryUrl].sort(),
    );
  });
});
