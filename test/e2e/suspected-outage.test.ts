// Issue 12's probes end to end: the real service (poller, notifier, web) on a SQLite file, the
// simulator playing the suspected-outage scenario (Nimbus's API fails 6 s before Nimbus posts;
// Quartz Pay's fails for 4 s and recovers unannounced; Orbit Mail stays healthy), each vendor
// probed at /api/health every second, and a loopback webhook receiver. Then our own network down:
// every page and every probe refused, and not one vendor.suspected.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../src/app/service.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import {
  apiHealthPath,
  startSimulator,
  suspectedOutageTimeline,
  suspectedOutageVendors,
  type SimulatedVendor,
  type Simulator,
} from '../../src/simulate/index.js';

interface Delivery {
  event: string | undefined;
  receivedAt: number;
  body: {
    type: string;
    at: string;
    vendor: { slug: string };
    changes?: Record<string, { from: unknown; to: unknown }>;
  };
}

async function startReceiver(): Promise<{ server: Server; url: string; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({
        event: request.headers['x-vendorwatch-event'] as string | undefined,
        receivedAt: Date.now(),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Delivery['body'],
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hook`, deliveries };
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Real ms per scenario minute: the APIs fail 4 s in, Nimbus posts 6 s later. */
const minuteMs = 250;
const failAfterMinutes = 16;
const leadMinutes = 24;
const blipMinutes = 16;
const leadSeconds = (leadMinutes * minuteMs) / 1000;
const probeIntervalSeconds = 1;

function writeConfig(dir: string, vendors: readonly SimulatedVendor[], receiverUrl: string) {
  const configPath = join(dir, 'vendorwatch.yaml');
  writeFileSync(
    configPath,
    [
      'pollInterval: 1s',
      'network:',
      '  allowedPrivateRanges: [127.0.0.0/8]',
      '  timeout: 5s',
      `database: ${join(dir, 'vendorwatch.db')}`,
      'server: { host: 127.0.0.1, port: 0 }',
      'notifier: { burstWindow: 0 }',
      'suspectAfter: 2',
      'vendors:',
      ...vendors.flatMap((vendor) => [
        `  - slug: ${vendor.slug}`,
        `    name: ${JSON.stringify(vendor.name)}`,
        `    url: ${vendor.baseUrl}`,
        '    platform: statuspage',
        '    probes:',
        '      - name: api',
        `        url: ${vendor.baseUrl}${apiHealthPath}`,
        `        interval: ${probeIntervalSeconds}s`,
        '        timeout: 2s',
        '        expect: { status: 2xx, bodyIncludes: ok }',
      ]),
      'notifications:',
      '  - name: receiver',
      '    type: webhook',
      `    url: ${receiverUrl}`,
      '',
    ].join('\n'),
  );
  return loadConfig({ path: configPath, env: {} });
}

describe('suspected outages through serve', () => {
  let simulator: Simulator | undefined;
  let service: RunningService | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    await service?.stop();
    await simulator?.close();
    await new Promise<void>((resolve) =>
      receiver ? receiver.server.close(() => resolve()) : resolve(),
    );
    if (dir) rmSync(dir, { recursive: true, force: true });
    simulator = service = receiver = dir = undefined;
  });

  it(
    'suspects before the vendor posts, links the incident with its posting lag, and clears a blip',
    { timeout: 60_000 },
    async () => {
      receiver = await startReceiver();
      dir = mkdtempSync(join(tmpdir(), 'vw-suspected-e2e-'));
      // The pages' claimed times follow the replay's clock from here.
      const baseMs = Date.now();
      simulator = await startSimulator({
        timeline: suspectedOutageTimeline({
          minuteMs,
          baseMs,
          failAfterMinutes,
          leadMinutes,
          blipMinutes,
        }),
      });
      const failsAtMs = baseMs + failAfterMinutes * minuteMs;
      const config = writeConfig(dir, simulator.vendors, receiver.url);
      service = await startService(config, { poller: true, web: true }, createLogger('silent'));
      const web = service.url!;
      const { deliveries } = receiver;
      const of = (type: string, slug: string) =>
        deliveries.filter((d) => d.event === type && d.body.vendor.slug === slug);
      const nimbus = suspectedOutageVendors.posts;
      const quartz = suspectedOutageVendors.recovers;

      await until(
        'vendor.suspected for Nimbus',
        () => of('vendor.suspected', nimbus).length > 0,
        20_000,
      );
      const suspected = of('vendor.suspected', nimbus)[0]!.body;
      const firstSignalAt = suspected.changes?.firstSignalAt?.to as string;
      // The first failing probe came within one interval of the API failing, and the suspicion
      // (the second failure in a row) one interval after that.
      expect(Date.parse(firstSignalAt)).toBeGreaterThanOrEqual(failsAtMs - 50);
      expect(Date.parse(suspected.at) - failsAtMs).toBeLessThanOrEqual(
        2 * probeIntervalSeconds * 1000 + 500,
      );
      expect(suspected.changes?.probes?.to).toEqual(['api']);

      // Quartz Pay's API recovers without an incident: its suspicion clears.
      await until(
        'vendor.suspicion_cleared for Quartz Pay',
        () => of('vendor.suspicion_cleared', quartz).length > 0,
        20_000,
      );
      expect(of('vendor.suspected', quartz)).toHaveLength(1);

      // Nimbus posts: its incident is linked, with the lag the scenario scripted.
      const incidentId = `${nimbus}-nimbusi1`;
      let detail: { firstSignalAt: string | null; postingLagSeconds: number | null } | undefined;
      await until(
        'the Nimbus incident linked to the suspicion',
        async () => {
          const response = await fetch(`${web}/api/v1/incidents/${incidentId}`);
          if (!response.ok) return false;
          detail = (await response.json()) as typeof detail;
          return detail?.firstSignalAt != null;
        },
        20_000,
      );
      expect(detail!.firstSignalAt).toBe(new Date(firstSignalAt).toISOString());
      expect(Math.abs(detail!.postingLagSeconds! - leadSeconds)).toBeLessThanOrEqual(
        probeIntervalSeconds + 0.5,
      );
      const page = await (await fetch(`${web}/incidents/${incidentId}`)).text();
      expect(page).toContain(
        `vendorwatch&#39;s probes saw errors ${detail!.postingLagSeconds} s before Nimbus posted`,
      );
      const vendorPage = await (await fetch(`${web}/vendors/${nimbus}`)).text();
      expect(vendorPage).toContain('Median posting lag over 1 linked incident');
      expect(vendorPage).toContain('data-testid="probe-chart"');

      // Linked, not cleared; the healthy vendor was never suspected.
      await until(
        'the Nimbus incident resolved',
        () => of('incident.resolved', nimbus).length > 0,
        20_000,
      );
      expect(of('vendor.suspicion_cleared', nimbus)).toHaveLength(0);
      expect(of('vendor.suspected', nimbus)).toHaveLength(1);
      expect(of('vendor.suspected', suspectedOutageVendors.healthy)).toHaveLength(0);
      const metrics = await (await fetch(`${web}/metrics`)).text();
      expect(metrics).toContain(`vendorwatch_probe_up{vendor="${quartz}",probe="api"} 1`);
      expect(metrics).toMatch(/vendorwatch_probe_duration_seconds\{vendor="nimbus",probe="api"\} /);
    },
  );

  it(
    'raises no suspicion while our own network is down (every page and probe refused)',
    { timeout: 60_000 },
    async () => {
      receiver = await startReceiver();
      dir = mkdtempSync(join(tmpdir(), 'vw-suspected-e2e-'));
      // Addresses that refuse every connection: a simulator's, closed before the service starts.
      const gone = await startSimulator({
        timeline: suspectedOutageTimeline({ minuteMs }),
      });
      const vendors = gone.vendors;
      await gone.close();
      const config = writeConfig(dir, vendors, receiver.url);
      service = await startService(config, { poller: true, web: true }, createLogger('silent'));
      const db = service.store.db;
      // Every vendor's probe failed at least 4 times in a row: twice the threshold, and more.
      await until(
        'four failed probes of every vendor',
        async () => {
          const rows = await db
            .selectFrom('probe_results')
            .select(['vendor_slug'])
            .where('ok', '=', 0)
            .execute();
          return vendors.every(
            (vendor) => rows.filter((row) => row.vendor_slug === vendor.slug).length >= 4,
          );
        },
        20_000,
      );
      const events = await db.selectFrom('events').select(['type', 'vendor_slug']).execute();
      expect(events.filter((event) => event.type === 'vendor.suspected')).toEqual([]);
      expect(await db.selectFrom('vendor_suspicions').selectAll().execute()).toEqual([]);
      expect(receiver.deliveries.filter((d) => d.event === 'vendor.suspected')).toEqual([]);
    },
  );
});
