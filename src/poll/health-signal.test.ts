// A poll that moves a vendor's health (read → failing, a new failure reason, back to read) says
// so at once through onHealthChange, even when it records no event; a poll that changes nothing
// of the kind stays silent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { getAdapter } from '../adapters/registry.js';
import type { HealthChange } from '../domain/health-change.js';
import type { Vendor } from '../domain/model.js';
import type { FetchFailure, Fetcher, FetchResult } from '../fetch/types.js';
import { migrateToLatest, openStore, syncVendors, type Store } from '../store/index.js';
import { pollVendor } from './cycle.js';

type Answer = 'ok' | 'http503' | 'refused';

const bodies: Record<string, string> = {
  'summary.json': JSON.stringify({
    page: { id: 'p', name: 'Acme', url: 'https://status.acme.example' },
    components: [{ id: 'api', name: 'API', status: 'operational', position: 1 }],
    incidents: [],
    scheduled_maintenances: [],
  }),
  'incidents.json': JSON.stringify({ incidents: [] }),
  'upcoming.json': JSON.stringify({ scheduled_maintenances: [] }),
};

const failures: Record<Exclude<Answer, 'ok'>, FetchFailure> = {
  http503: { kind: 'http', status: 503, message: 'HTTP 503 from status.acme.example' },
  refused: { kind: 'network', message: 'status.acme.example refused the connection' },
};

/** Answers every endpoint as `answer.now` says, with no validators (every body is parsed). */
function scriptedFetcher(answer: { now: Answer }): Fetcher {
  return {
    fetch: ({ url }): Promise<FetchResult> => {
      if (answer.now !== 'ok') return Promise.resolve({ ok: false, error: failures[answer.now] });
      const body = bodies[url.split('/').at(-1)!] ?? '{}';
      return Promise.resolve({
        ok: true,
        notModified: false,
        status: 200,
        body,
        bytes: body.length,
        finalUrl: url,
        validators: { etag: null, lastModified: null },
      });
    },
    close: () => Promise.resolve(),
  };
}

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  store = undefined;
});

it('signals each change of health once, and nothing for polls that keep it', async () => {
  dir = mkdtempSync(join(tmpdir(), 'vw-health-'));
  store = await openStore(join(dir, 'vw.db'));
  await migrateToLatest(store);
  const acme: Vendor = {
    slug: 'acme',
    name: 'Acme',
    statusPageUrl: 'https://status.acme.example',
    platform: 'statuspage',
    category: 'other',
    intervalSeconds: 60,
  };
  await syncVendors(store.db, [acme], 'config', '2025-09-10T10:00:00.000Z');
  const answer: { now: Answer } = { now: 'ok' };
  const changes: HealthChange[] = [];
  let clock = Date.parse('2025-09-10T10:00:00.000Z');
  const deps = {
    db: store.db,
    fetcher: scriptedFetcher(answer),
    adapterFor: getAdapter,
    routeEvent: () => [],
    now: () => new Date(clock),
    random: () => 0.5,
    leaseOwner: null,
    onHealthChange: (change: HealthChange) => changes.push(change),
  };
  const pollAs = async (next: Answer) => {
    answer.now = next;
    clock += 60_000;
    const outcome = await pollVendor(deps, acme);
    expect(outcome.kind).not.toBe('crashed');
    return outcome;
  };

  await pollAs('ok'); // the first read: from never read to read
  await pollAs('ok');
  const failed = await pollAs('http503');
  // Nothing was recorded (the data is not stale yet), yet the health changed.
  expect(failed).toMatchObject({ kind: 'failed', events: 0 });
  await pollAs('http503');
  await pollAs('refused');
  await pollAs('ok');
  expect(changes.map(({ health, errorReason, at }) => [health, errorReason, at])).toEqual([
    ['ok', null, '2025-09-10T10:01:00.000Z'],
    ['failing', 'HTTP 503', '2025-09-10T10:03:00.000Z'],
    ['failing', 'connection refused', '2025-09-10T10:05:00.000Z'],
    ['ok', null, '2025-09-10T10:06:00.000Z'],
  ]);
  expect(changes.every((change) => change.vendorSlug === 'acme')).toBe(true);
});
