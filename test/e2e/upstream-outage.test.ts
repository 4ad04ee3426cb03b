// Issue 13's upstream scenario end to end: the simulator plays AWS us-east-1 going down, three
// dependents posting 3–9 minutes apart and an unrelated incident at the same time (compressed to
// 200 ms a minute); the real service polls every vendor each second and sends webhooks to a
// loopback receiver. Exactly one outage holds the upstream and the three dependents, exactly one
// outage.correlated is delivered, and the unrelated incident stays outside. The scenario starts
// only once the service has read every vendor's baseline, so every incident is new, none backfill.
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
  startSimulator,
  upstreamOutageDependsOn,
  upstreamOutageExpected,
  upstreamOutageTimeline,
  type Simulator,
} from '../../src/simulate/index.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test-support/databases.js';

interface Delivery {
  event: string | undefined;
  key: string | undefined;
  body: {
    type: string;
    vendor: { slug: string };
    incident?: { id: string };
    outage?: { id: string; upstream: string; region: string | null; url: string | null };
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
        key: request.headers['x-vendorwatch-delivery'] as string | undefined,
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

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

const minuteMs = 200;

describe.each(databaseKinds)('the upstream outage scenario through serve on %s', (kind) => {
  let simulator: Simulator | undefined;
  let service: RunningService | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  let database: TestDatabase | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    await service?.stop();
    await simulator?.close();
    await new Promise<void>((resolve) =>
      receiver ? receiver.server.close(() => resolve()) : resolve(),
    );
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'groups the upstream and its three dependents into one outage, announced once',
    { timeout: 90_000 },
    async () => {
      simulator = await startSimulator({
        timeline: upstreamOutageTimeline({ minuteMs }),
        holdReplay: true,
      });
      receiver = await startReceiver();
      database = await createTestDatabase(kind);
      dir = mkdtempSync(join(tmpdir(), 'vw-outage-e2e-'));
      const configPath = join(dir, 'vendorwatch.yaml');
      const vendorLines = simulator.vendors.flatMap((vendor) => [
        `  - slug: ${vendor.slug}`,
        `    name: ${JSON.stringify(vendor.name)}`,
        `    url: ${vendor.baseUrl}`,
        '    platform: statuspage',
        ...(upstreamOutageDependsOn[vendor.slug]
          ? [`    dependsOn: [${upstreamOutageDependsOn[vendor.slug]!.join(', ')}]`]
          : []),
      ]);
      writeFileSync(
        configPath,
        [
          'pollInterval: 1s',
          'network:',
          '  allowedPrivateRanges: [127.0.0.0/8]',
          '  timeout: 5s',
          `database: ${database.url}`,
          'server: { host: 127.0.0.1, port: 0, publicUrl: "https://vendorwatch.example" }',
          'notifier: { burstWindow: 0 }',
          'vendors:',
          ...vendorLines,
          'notifications:',
          '  - name: receiver',
          '    type: webhook',
          `    url: ${receiver.url}`,
          '',
        ].join('\n'),
      );
      const config = loadConfig({ path: configPath, env: {} });
      service = await startService(config, { poller: true, web: true }, createLogger('silent'));
      const base = service.url!;

      // Every vendor's baseline read before anything changes: no incident can be taken for history.
      await until(
        'the first poll of every vendor',
        async () => {
          const { vendors } = await getJson<{ vendors: Array<{ firstSuccessAt: string | null }> }>(
            `${base}/api/v1/vendors`,
          );
          return vendors.length === 5 && vendors.every((vendor) => vendor.firstSuccessAt !== null);
        },
        30_000,
      );
      simulator.startReplay();

      const { deliveries } = receiver;
      const ofType = (type: string) => deliveries.filter((delivery) => delivery.event === type);
      await until(
        'every incident opened and resolved, and the outage announced',
        () =>
          ofType('incident.opened').length >= 5 &&
          ofType('incident.resolved').length >= 5 &&
          ofType('outage.correlated').length >= 1,
        60_000,
      );

      const { outages } = await getJson<{
        outages: Array<{
          id: string;
          upstream: string;
          region: string | null;
          resolvedAt: string | null;
          members: Array<{
            incident: { id: string; vendorSlug: string; backfilled: boolean };
            role: string;
          }>;
        }>;
      }>(`${base}/api/v1/outages`);
      expect(outages).toHaveLength(1);
      const [outage] = outages;
      expect(outage).toMatchObject({
        upstream: upstreamOutageExpected.upstream,
        region: upstreamOutageExpected.region,
      });
      expect(outage!.members.map((member) => member.incident.vendorSlug).sort()).toEqual(
        [...upstreamOutageExpected.members].sort(),
      );
      expect(
        outage!.members
          .filter((member) => member.role === 'upstream')
          .map((m) => m.incident.vendorSlug),
      ).toEqual(['aws']);
      expect(outage!.members.every((member) => !member.incident.backfilled)).toBe(true);
      expect(outage!.resolvedAt).not.toBeNull();

      // The unrelated incident was recorded, notified, and left outside the outage.
      const { incidents } = await getJson<{ incidents: Array<{ id: string; vendorSlug: string }> }>(
        `${base}/api/v1/incidents?vendor=${upstreamOutageExpected.unrelated}`,
      );
      expect(incidents).toHaveLength(1);
      expect(outage!.members.map((member) => member.incident.id)).not.toContain(incidents[0]!.id);

      const announced = ofType('outage.correlated');
      expect(announced).toHaveLength(1);
      expect(announced[0]!.body.outage).toMatchObject({
        id: outage!.id,
        upstream: 'aws',
        region: 'us-east-1',
        url: `https://vendorwatch.example/outages/${encodeURIComponent(outage!.id)}`,
      });
      expect(
        ofType('incident.opened')
          .map((delivery) => delivery.body.vendor.slug)
          .sort(),
      ).toEqual(['acme-pay', 'aws', 'beta-mail', 'delta-db', 'gamma-auth']);
      // One key per delivery: nothing was sent twice.
      expect(new Set(deliveries.map((delivery) => delivery.key)).size).toBe(deliveries.length);

      const page = await fetch(`${base}/outages/${encodeURIComponent(outage!.id)}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('outage across 4 vendors');
    },
  );
});
