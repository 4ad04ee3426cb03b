// Push ingestion with the web and the poller in separate services on PostgreSQL (`vendorwatch
// web` + `vendorwatch worker`): the web process has no poller to wake, so the push reaches the
// worker only through the store (the vendor's next due time moved up), and the worker polls at
// its next claim. The vendor's interval is an hour: only the push explains the second poll.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../src/app/service.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { issueIngestToken, loadPollState } from '../../src/store/index.js';
import {
  createTestDatabase,
  postgresAdminUrl,
  type TestDatabase,
} from '../test-support/databases.js';
import { calmPage, incidentOpen, incidentWebhook } from '../test-support/statuspage-bodies.js';
import { startSwitchableVendor, type SwitchableVendor } from '../test-support/switchable-vendor.js';

const describePostgres = postgresAdminUrl ? describe : describe.skip;
const dir = mkdtempSync(join(tmpdir(), 'vw-push-workers-'));
let database: TestDatabase | undefined;
let vendor: SwitchableVendor | undefined;
const services: RunningService[] = [];

afterAll(async () => {
  for (const service of services.reverse()) await service.stop();
  await vendor?.close();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describePostgres('push ingestion with a separate web process and worker (PostgreSQL)', () => {
  it('the web process makes the worker poll now through the store', async () => {
    database = await createTestDatabase('postgres');
    vendor = await startSwitchableVendor();
    vendor.serve(calmPage);
    const configPath = join(dir, 'vendorwatch.yaml');
    writeFileSync(
      configPath,
      [
        `database: "${database.url}"`,
        'network: { allowedPrivateRanges: [127.0.0.0/8], timeout: 5s }',
        'server: { host: 127.0.0.1, port: 0 }',
        'vendors:',
        `  - { slug: pushy, url: "${vendor.baseUrl}", platform: statuspage, interval: 1h }`,
        '',
      ].join('\n'),
    );
    const config = loadConfig({ path: configPath, env: {} });
    const logger = createLogger('silent');
    const worker = await startService(config, { poller: true, web: false, workerId: 'w1' }, logger);
    services.push(worker);
    const web = await startService(config, { poller: false, web: true }, logger);
    services.push(web);

    const state = () => loadPollState(web.store.db, 'pushy');
    await until(async () => (await state())?.lastSuccessAt != null, 15_000);
    const firstPoll = (await state())!.lastPolledAt!;
    // Outside the 2 s coalescing window of that first poll.
    await until(() => Promise.resolve(Date.now() - Date.parse(firstPoll) > 2100), 5000);

    vendor.serve(incidentOpen);
    const requestsBefore = vendor.requests();
    const token = await issueIngestToken(web.store.db, 'pushy');
    const pushedAt = Date.now();
    const response = await fetch(`${web.url}/ingest/pushy/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(incidentWebhook()),
    });
    expect(response.status).toBe(202);

    await until(async () => {
      const incidents = await fetch(`${web.url}/api/v1/incidents?vendor=pushy`);
      return ((await incidents.json()) as { incidents: unknown[] }).incidents.length > 0;
    }, 10_000);
    const after = (await state())!;
    expect(Date.parse(after.lastPolledAt!)).toBeGreaterThanOrEqual(pushedAt);
    expect(vendor.requests()).toBeGreaterThan(requestsBefore);
    const detail = (await (await fetch(`${web.url}/api/v1/vendors/pushy`)).json()) as {
      pushPolledAt: string;
      effectiveInterval: number;
    };
    expect(Date.parse(detail.pushPolledAt)).toBeGreaterThanOrEqual(pushedAt);
    // The incident is open: the worker now polls it every 10 s.
    expect(detail.effectiveInterval).toBe(10);
  }, 30_000);
});
