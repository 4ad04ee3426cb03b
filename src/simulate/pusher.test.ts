// Simulated vendors that push: each published change of a pushing vendor reaches its ingest URL
// as a webhook the ingest route reads; a vendor without a URL pushes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../notify/test-support/receiver.js';
import { readPush } from '../web/ingest/push-payload.js';
import { startSimulator, type Simulator } from './index.js';

let simulator: Simulator | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await simulator?.close();
  await receiver?.close();
});

describe('simulator pushes', () => {
  it("posts a Statuspage-style webhook to a pushing vendor's ingest URL on each change", async () => {
    receiver = await startReceiver({ ok: { status: 202, body: '{}' } });
    const url = receiver.url('/ingest/sim-0/token');
    // Only the first vendor pushes; its slug is known once the simulator started.
    const pushing: { slug?: string } = {};
    simulator = await startSimulator({
      vendors: 2,
      seed: 3,
      tickMs: 20,
      incidentRate: 1,
      pushTo: (slug) => (slug === pushing.slug ? url : undefined),
    });
    pushing.slug = simulator.vendors[0]!.slug;
    await receiver.waitFor(2, 10_000);
    for (const request of receiver.received) {
      expect(request.path).toBe('/ingest/sim-0/token');
      expect(readPush(request.body)).toMatchObject({ ok: true });
    }
    // Closing waits for the pushes in flight to be answered.
    const closing = simulator;
    simulator = undefined;
    await closing.close();
    const pushes = closing.pushes();
    expect(pushes.length).toBeGreaterThanOrEqual(2);
    const first = closing.vendors[0]!.slug;
    expect(new Set(pushes.map((push) => push.vendorSlug))).toEqual(new Set([first]));
    // Each push follows the change it reports, and the simulator saw it accepted.
    const answered = pushes.filter((push) => push.status !== null);
    expect(answered.length).toBeGreaterThan(0);
    for (const push of answered) {
      expect(push.status).toBe(202);
      expect(push.sentAt).toBeGreaterThanOrEqual(push.visibleAt);
    }
  });
});
