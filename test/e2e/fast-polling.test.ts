// Fast polling on the real service: a vendor on a 1 h interval with an open incident is polled
// every activeInterval (5 s here, the floor) until the incident resolves, then returns to its
// hour. The API and the vendor page say which interval applies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPollState } from '../../src/store/index.js';
import { startLoopbackService, type LoopbackService } from '../test-support/service.js';
import { incidentOpen, incidentResolved } from '../test-support/statuspage-bodies.js';
import {
  startSwitchableVendor,
  type Bodies,
  type SwitchableVendor,
} from '../test-support/switchable-vendor.js';

let vendor: SwitchableVendor;
let running: LoopbackService;
let current: Bodies = incidentOpen;
/** Each poll asks summary.json once: its requests count the polls. */
const pollTimes: number[] = [];

beforeAll(async () => {
  vendor = await startSwitchableVendor();
  vendor.misbehave((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path.endsWith('/summary.json')) pollTimes.push(Date.now());
    const body = path.endsWith('/summary.json')
      ? current.summary
      : path.endsWith('/incidents.json')
        ? current.incidents
        : current.maintenances;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  running = await startLoopbackService(
    [`  - { slug: busy, url: "${vendor.baseUrl}", platform: statuspage, interval: 1h }`],
    ['polling: { activeInterval: 5s }'],
  );
}, 20_000);

afterAll(async () => {
  await running?.stop();
  await vendor?.close();
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function vendorJson(): Promise<{ effectiveInterval: number }> {
  const response = await fetch(`${running.service.url}/api/v1/vendors/busy`);
  return (await response.json()) as { effectiveInterval: number };
}

describe('fast polling while an incident is open', () => {
  it('polls every activeInterval until the incident resolves, then every interval again', async () => {
    // The first poll finds the incident open; the next two follow about 5 s apart.
    await until(() => pollTimes.length >= 3, 20_000);
    const [first, second, third] = pollTimes as [number, number, number];
    for (const gap of [second - first, third - second]) {
      // 5 s less up to 5 % of jitter, plus the scheduler's tick.
      expect(gap).toBeGreaterThanOrEqual(4500);
      expect(gap).toBeLessThanOrEqual(7000);
    }
    expect((await vendorJson()).effectiveInterval).toBe(5);
    const page = await (await fetch(`${running.service.url}/vendors/busy`)).text();
    expect(page).toContain('polled every 5 s while the incident is open');

    // Resolved: the next fast poll sees it, and the one after is an hour away.
    current = incidentResolved;
    const polled = pollTimes.length;
    await until(() => pollTimes.length > polled, 8000);
    await until(async () => (await vendorJson()).effectiveInterval === 3600, 3000);
    const state = await loadPollState(running.service.store.db, 'busy');
    const dueIn = Date.parse(state!.nextPollAt) - Date.now();
    expect(dueIn).toBeGreaterThan(3000 * 1000);
    const after = await (await fetch(`${running.service.url}/vendors/busy`)).text();
    expect(after).not.toContain('while the incident is open');
  }, 25_000);
});
