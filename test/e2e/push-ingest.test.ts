// Push ingestion on the real service as `serve` runs it: a loopback Statuspage vendor polled only
// once an hour, so only a push can explain a second poll, and a loopback webhook receiver. A push
// makes the service poll the vendor's API at once; the incident it finds is stored and delivered
// within 2 s of the push. Wrong token, unknown slug, oversized and malformed pushes are refused
// and poll nothing; 1,000 pushes in a second start at most one poll per 2 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { issueIngestToken, loadPollState } from '../../src/store/index.js';
import { startLoopbackService, type LoopbackService } from '../test-support/service.js';
import {
  calmPage,
  incidentOpen,
  incidentWebhook,
  openIncidentId,
} from '../test-support/statuspage-bodies.js';
import { startSwitchableVendor, type SwitchableVendor } from '../test-support/switchable-vendor.js';

let vendor: SwitchableVendor;
let receiver: Receiver;
let running: LoopbackService;
let ingestUrl: string;
/** Each poll asks summary.json once: its requests count the polls. */
const pollTimes: number[] = [];

beforeAll(async () => {
  vendor = await startSwitchableVendor();
  vendor.serve(calmPage);
  // Count polls by their summary.json requests, then serve as usual.
  const serve = vendor.misbehave.bind(vendor);
  let current = calmPage;
  vendor.serve = (bodies) => {
    current = bodies;
  };
  serve((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path.endsWith('/summary.json')) pollTimes.push(Date.now());
    const body = path.endsWith('/summary.json')
      ? current.summary
      : path.endsWith('/incidents.json')
        ? current.incidents
        : current.maintenances;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  receiver = await startReceiver();
  running = await startLoopbackService(
    [`  - { slug: pushy, url: "${vendor.baseUrl}", platform: statuspage, interval: 1h }`],
    [
      'notifier: { burstWindow: 0s }',
      'notifications:',
      '  - name: hook',
      '    type: webhook',
      `    url: ${receiver.url('/hook')}`,
    ],
  );
  const token = await issueIngestToken(running.service.store.db, 'pushy');
  ingestUrl = `${running.service.url}/ingest/pushy/${token}`;
  // The first poll happens at start; after it the vendor is not due for an hour.
  await until(
    async () => (await loadPollState(running.service.store.db, 'pushy'))?.lastSuccessAt != null,
    15_000,
  );
}, 30_000);

afterAll(async () => {
  await running?.stop();
  await receiver?.close();
  await vendor?.close();
});

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function push(url: string, body: string, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/** Polls that happened after `since`, once a moment has passed for any that a push would start. */
async function pollsSince(since: number, settleMs = 2500): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return pollTimes.filter((at) => at >= since).length;
}

describe('push ingestion through the running service', () => {
  it('refuses a wrong token, an unknown slug, an oversized and a malformed body, and polls nothing', async () => {
    const started = Date.now();
    const webhook = JSON.stringify(incidentWebhook());
    const wrong = await push(ingestUrl.replace(/[^/]+$/, 'x'.repeat(43)), webhook);
    const unknown = await push(ingestUrl.replace('/pushy/', '/nobody/'), webhook);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    // The same answer, so a slug cannot be probed.
    expect(await wrong.text()).toBe(await unknown.text());
    const huge = await push(ingestUrl, `{"incident":{"pad":"${'x'.repeat(300 * 1024)}"}}`);
    expect(huge.status).toBe(413);
    for (const body of ['{"incident":', '<html></html>', '{}', '[1]']) {
      expect((await push(ingestUrl, body)).status, body).toBe(400);
    }
    expect(await pollsSince(started)).toBe(0);
  }, 20_000);

  it('polls at once on a push: the update is stored and delivered within 2 s of the push', async () => {
    // Outside the 2 s coalescing window of the last poll, so the push is answered at once.
    await until(() => Date.now() - pollTimes.at(-1)! > 2100, 5000);
    vendor.serve(incidentOpen);
    const before = pollTimes.length;
    const pushedAt = Date.now();
    const response = await push(ingestUrl, JSON.stringify(incidentWebhook()));
    expect(response.status).toBe(202);

    const opened = () =>
      receiver.received.find((r) => (r.json as { type?: string }).type === 'incident.opened');
    await until(() => opened() !== undefined, 10_000);
    const delivered = opened()!;
    expect(delivered.at - pushedAt).toBeLessThanOrEqual(2000);
    expect(delivered.json).toMatchObject({
      vendor: { slug: 'pushy' },
      incident: { id: `pushy-${openIncidentId}` },
    });
    // The poll that found it came after the push; with a 1 h interval nothing else explains it.
    expect(pollTimes.length).toBe(before + 1);
    expect(pollTimes.at(-1)!).toBeGreaterThanOrEqual(pushedAt);
    const api = await fetch(`${running.service.url}/api/v1/vendors/pushy`);
    const detail = (await api.json()) as { pushReceivedAt: string; pushPolledAt: string };
    expect(Date.parse(detail.pushPolledAt)).toBeGreaterThanOrEqual(
      Date.parse(detail.pushReceivedAt),
    );
  }, 20_000);

  it('starts at most one poll per 2 s for 1,000 pushes in a second', async () => {
    const started = Date.now();
    const body = JSON.stringify(incidentWebhook());
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i));
        statuses.push((await push(ingestUrl, body)).status);
      }),
    );
    const spent = Date.now() - started;
    // Accepted within the limits, refused with 429 past them; nothing else.
    expect(new Set(statuses)).toEqual(new Set([202, 429]));
    const polls = await pollsSince(started);
    const windows = Math.ceil((spent + 2500) / 2000);
    expect(polls).toBeGreaterThanOrEqual(1);
    expect(polls).toBeLessThanOrEqual(windows);
    const since = pollTimes.filter((at) => at >= started);
    for (let i = 1; i < since.length; i++) {
      // Poll starts are 2 s apart; what the vendor sees is each request's arrival, which trails
      // its poll's start by the claim and the connection (up to ~0.6 s on a loaded CI machine).
      // Polls that were not coalesced would arrive milliseconds apart.
      expect(since[i]! - since[i - 1]!).toBeGreaterThanOrEqual(1000);
    }
  }, 25_000);
});
