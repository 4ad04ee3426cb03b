// Hygiene flags end to end on the real service as `serve` runs it (config file, SQLite file,
// poller with its flag sweep, dispatcher, HTTP API) against the simulator's hygiene scenarios:
// the incident left in monitoring becomes stuck and its webhook receiver on loopback gets exactly
// one incident.stuck however often the sweep runs; the backdated start and the impact downgrade
// are flagged with their evidence.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../src/app/service.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import {
  hygieneScenario,
  hygieneScenarioNames,
  startSimulator,
  type Simulator,
} from '../../src/simulate/index.js';

let dir: string | undefined;
let simulator: Simulator | undefined;
let receiver: Receiver | undefined;
let service: RunningService | undefined;

afterAll(async () => {
  await service?.stop();
  await simulator?.close();
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface FlagJson {
  kind: string;
  clearedAt: string | null;
  evidence: Record<string, unknown>;
}

async function incidentFlags(id: string): Promise<FlagJson[]> {
  const response = await fetch(`${service!.url}/api/v1/incidents/${id}`);
  if (response.status !== 200) return [];
  return ((await response.json()) as { flags: FlagJson[] }).flags;
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('hygiene flags through the running service', () => {
  it(
    'one incident.stuck per stuck episode; backdated start and downgrade flagged',
    { timeout: 90_000 },
    async () => {
      const scenarios = hygieneScenarioNames.map((name) =>
        hygieneScenario(name, { leadMs: 3000, stepMs: 1500 }),
      );
      simulator = await startSimulator({
        timeline: { vendors: scenarios.flatMap((t) => t.vendors) },
      });
      receiver = await startReceiver({ check: checks.webhook(null) });
      dir = mkdtempSync(join(tmpdir(), 'vw-hygiene-'));
      const configPath = join(dir, 'vendorwatch.yaml');
      const vendorLines = simulator.vendors.map(
        (vendor) =>
          `  - { slug: ${vendor.slug}, url: "${vendor.baseUrl}", platform: statuspage, interval: 1s${
            vendor.slug === 'hygiene-stuck' ? ', stuckAfter: 3s' : ''
          } }`,
      );
      writeFileSync(
        configPath,
        [
          'network:',
          '  allowedPrivateRanges: [127.0.0.0/8]',
          '  timeout: 5s',
          `database: ${join(dir, 'vendorwatch.db')}`,
          'server: { host: 127.0.0.1, port: 0 }',
          'notifier: { burstWindow: 0s }',
          'vendors:',
          ...vendorLines,
          'notifications:',
          '  - name: hook',
          '    type: webhook',
          `    url: ${receiver.url('/hook')}`,
          '',
        ].join('\n'),
      );
      const config = loadConfig({ path: configPath, env: {} });
      service = await startService(config, { poller: true, web: true }, createLogger('silent'));

      const stuckDeliveries = () =>
        receiver!.received.filter((r) => (r.json as { type: string }).type === 'incident.stuck');
      await until(() => Promise.resolve(stuckDeliveries().length > 0), 40_000);
      // The sweep runs every 750 ms here (a quarter of the 3 s threshold): give it many more runs.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      expect(receiver.problems).toEqual([]);
      const stuck = stuckDeliveries();
      expect(stuck).toHaveLength(1);
      expect(stuck[0]!.json).toMatchObject({
        type: 'incident.stuck',
        vendor: { slug: 'hygiene-stuck' },
        incident: { id: 'hygiene-stuck-stuck1', phase: 'monitoring' },
        changes: { stuckAfterSeconds: { from: null, to: 3 } },
      });

      const listed = await fetch(`${service.url}/api/v1/incidents?flag=stuck`);
      const { incidents } = (await listed.json()) as { incidents: Array<{ id: string }> };
      expect(incidents.map((incident) => incident.id)).toEqual(['hygiene-stuck-stuck1']);
      const stuckFlags = await incidentFlags('hygiene-stuck-stuck1');
      expect(stuckFlags.filter((f) => f.kind === 'stuck')).toMatchObject([
        { clearedAt: null, evidence: { stuckAfterSeconds: 3 } },
      ]);

      await until(async () => (await incidentFlags('hygiene-downgrade-down1')).length > 0, 20_000);
      expect(await incidentFlags('hygiene-downgrade-down1')).toMatchObject([
        { kind: 'downgraded', evidence: { changes: [{ from: 'critical', to: 'minor' }] } },
      ]);
      const backdated = await incidentFlags('hygiene-backdated-late1');
      expect(backdated).toMatchObject([
        { kind: 'backdated', evidence: { items: [{ what: 'start' }] } },
      ]);
      // The other vendors keep the default six hours: none of them is stuck.
      const stuckVendors = stuckDeliveries().map(
        (r) => (r.json as { vendor: { slug: string } }).vendor.slug,
      );
      expect(stuckVendors).toEqual(['hygiene-stuck']);
    },
  );
});
