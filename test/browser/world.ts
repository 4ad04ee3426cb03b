// Everything a browser test looks at, for real and on loopback: the simulator replaying the
// Balena reference incident, two switchable Statuspage vendors (one that changes on demand, one
// whose every string is hostile), a poller publishing to the event bus, and the web server.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Vendor } from '../../src/domain/model.js';
import { startScheduler } from '../../src/poll/scheduler.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { parseTimeline } from '../../src/simulate/timeline.js';
import { syncVendors, type Store } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { createEventBus } from '../../src/web/event-bus.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import {
  hostileComponents,
  hostileName,
  hostileTitle,
  templateVector,
  xssVectors,
} from '../../src/web/pages/test-support/xss-vectors.js';
import { loopbackFetcher, openMigratedStore, pollDeps } from '../test-support/poller.js';
import { startSwitchableVendor, type SwitchableVendor } from '../test-support/switchable-vendor.js';
import { statuspageBodies, type SpecComponent, type SpecIncident } from './statuspage-bodies.js';

const timelinePath = new URL('../fixtures/timelines/balena-2025-09-10.json', import.meta.url);

export const acmeComponents: SpecComponent[] = [
  { id: 'a1', name: 'Compute', status: 'operational' },
  { id: 'a2', name: 'Object storage', status: 'operational' },
];

export interface World {
  baseUrl: string;
  simulator: Simulator;
  acme: SwitchableVendor;
  evil: SwitchableVendor;
  /** With `failingVendors`: a Statuspage vendor read once, that a test can make fail. */
  bumpy: SwitchableVendor | null;
  store: Store;
  stop(): Promise<void>;
}

interface WorldOptions {
  /**
   * Two more vendors: "down" (a loopback port nobody listens on: refused, never read) and
   * "bumpy" (read like acme, until a test makes it misbehave).
   */
  failingVendors?: boolean;
}

/** A loopback URL that refuses connections: a port the system handed out, then closed. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'vendorwatch-browser-'));
  const timeline = parseTimeline(JSON.parse(readFileSync(timelinePath, 'utf8')));
  const [simulator, acme, evil, store] = await Promise.all([
    startSimulator({ timeline }),
    startSwitchableVendor(),
    startSwitchableVendor(),
    openMigratedStore(join(dir, 'vendorwatch.db')),
  ]);
  acme.serve(statuspageBodies('Acme', acmeComponents, acmeHistory()));
  evil.serve(hostileBodies());
  const bumpy = options.failingVendors ? await startSwitchableVendor() : null;
  bumpy?.serve(statuspageBodies('Bumpy', acmeComponents, []));
  const extra = options.failingVendors
    ? [
        vendor('down', 'Down Cloud', await closedPortUrl()),
        vendor('bumpy', 'Bumpy', bumpy!.baseUrl),
      ]
    : [];
  function vendor(slug: string, name: string, url: string): Vendor {
    return {
      slug,
      name,
      statusPageUrl: url,
      platform: 'statuspage',
      category: slug === 'balena' ? 'iot' : 'cloud',
      intervalSeconds: 1,
    };
  }
  await syncVendors(
    store.db,
    [
      vendor('balena', 'Balena', simulator.vendors[0]!.baseUrl),
      vendor('acme', 'Acme Cloud', acme.baseUrl),
      vendor('evil', hostileName, evil.baseUrl),
      ...extra,
    ],
    'config',
    new Date().toISOString(),
  );
  const fetcher = loopbackFetcher();
  const bus = createEventBus();
  const scheduler = startScheduler({
    db: store.db,
    owner: 'browser-test',
    concurrency: 4,
    leaseSeconds: 30,
    tickMs: 50,
    pollDeps: pollDeps(store, fetcher, {
      leaseOwner: 'browser-test',
      onEvents: (events) => bus.publish(events),
      onHealthChange: (change) => bus.publishHealth(change),
    }),
  });
  const shutdown = new AbortController();
  const app = createApp({
    db: store.db,
    now: () => new Date().toISOString(),
    eventBus: bus,
    shutdownSignal: shutdown.signal,
  });
  const server: RunningServer = await startServer(app, { host: '127.0.0.1', port: 0 });
  return {
    baseUrl: server.url,
    simulator,
    acme,
    evil,
    bumpy,
    store,
    async stop() {
      await scheduler.stop();
      shutdown.abort();
      await server.close();
      await fetcher.close();
      await Promise.all([simulator.close(), acme.close(), evil.close(), bumpy?.close()]);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolved incidents spread over the last 90 days: the vendor page's bars and figures. */
export function acmeHistory(): SpecIncident[] {
  const day = 86_400_000;
  const past: Array<[number, string, number, string[]]> = [
    [3, 'minor', 40, ['a1']],
    [11, 'major', 135, ['a1', 'a2']],
    [19, 'minor', 25, ['a2']],
    [34, 'critical', 190, ['a1']],
    [52, 'none', 70, ['a2']],
    [77, 'minor', 55, ['a1']],
  ];
  return past.map(([daysAgo, impact, minutes, componentIds], index) => {
    // 10:00 UTC on that day, so that no incident crosses midnight.
    const start = Math.floor(Date.now() / day) * day - daysAgo * day + 10 * 3_600_000;
    const end = new Date(start + minutes * 60_000).toISOString();
    return {
      id: `ah${index}`,
      name: [
        'Slow API responses',
        'Instances unreachable in eu-west',
        'Delayed object uploads',
        'Compute outage',
        'Scheduled certificate rotation notice',
        'Elevated error rates',
      ][index]!,
      status: 'resolved',
      impact,
      startedAt: new Date(start).toISOString(),
      resolvedAt: end,
      componentIds,
      updates: [
        {
          id: `ah${index}u1`,
          status: 'investigating',
          body: 'We are investigating.',
          at: new Date(start).toISOString(),
        },
        {
          id: `ah${index}u2`,
          status: 'resolved',
          body: 'This incident has been resolved.',
          at: end,
        },
      ],
    };
  });
}

function hostileBodies() {
  const components = hostileComponents.map((name, index) => ({
    id: `e${index}`,
    name,
    status: 'major_outage',
  }));
  const start = Date.parse('2025-09-10T20:00:00Z');
  return statuspageBodies(hostileName, components, [
    {
      id: 'x1',
      name: hostileTitle,
      status: 'identified',
      impact: 'critical',
      startedAt: new Date(start).toISOString(),
      componentIds: components.map((component) => component.id),
      updates: [...xssVectors, templateVector].map((body, index) => ({
        id: `x1u${index}`,
        status: index === 0 ? 'investigating' : 'identified',
        body,
        at: new Date(start + index * 60_000).toISOString(),
      })),
    },
  ]);
}
