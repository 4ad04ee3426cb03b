import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../domain/model.js';
import { createApp } from '../app.js';
import { createEventBus, type EventBus } from '../event-bus.js';
import { now, seedScenario, t1, t2, t3, type Scenario } from '../test-support/scenario.js';
import { schemaProblems } from '../test-support/schema-check.js';
import { observedIncident, snapshot } from '../test-support/seed.js';
import { readSse } from '../test-support/sse-client.js';
import { jsonBody } from '../test-support/json-body.js';

let scenario: Scenario;
let bus: EventBus;
let app: Hono;

beforeAll(async () => {
  scenario = await seedScenario();
  bus = createEventBus();
  app = createApp({ db: scenario.testStore.store.db, now: () => now, eventBus: bus });
});
afterAll(() => scenario.testStore.dispose());

async function getJson(path: string) {
  const response = await app.request(path);
  return { response, body: await jsonBody(response) };
}

function asJson(event: VendorEvent): unknown {
  return JSON.parse(JSON.stringify(event));
}

describe('GET /api/v1/events', () => {
  it('seeded the events the diff plans for this history', () => {
    expect(scenario.events.map((e) => `${e.vendorSlug} ${e.type}`)).toEqual([
      'balena component.status_changed',
      'balena incident.opened',
      'github incident.opened',
      'balena incident.updated',
      'balena component.status_changed',
      'balena incident.resolved',
      'balena maintenance.started',
    ]);
  });

  it('returns { events, nextCursor } in recording order, each in the documented shape', async () => {
    const { response, body } = await getJson('/api/v1/events');
    expect(response.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['events', 'nextCursor']);
    expect(body.events).toEqual(scenario.events.map(asJson));
    expect(body.nextCursor).toBeNull();
    for (const event of body.events) expect(schemaProblems(event, 'Event')).toEqual([]);
    expect(body.events[0]).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'component.status_changed',
      vendorSlug: 'balena',
      incidentId: null,
      updateId: null,
      component: { id: 'c-api', name: 'API', from: 'operational', to: 'degraded_performance' },
      changes: { status: { from: 'operational', to: 'degraded_performance' } },
      at: t1,
    });
  });

  it('walks pages with the cursor and filters by vendor and since', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const path: string = `/api/v1/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const { body } = await getJson(path);
      expect(body.events.length).toBeLessThanOrEqual(2);
      seen.push(...body.events.map((e: { id: string }) => e.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(scenario.events.map((e) => e.id));

    const github = await getJson('/api/v1/events?vendor=github');
    expect(github.body.events.map((e: { type: string }) => e.type)).toEqual(['incident.opened']);
    const recent = await getJson(`/api/v1/events?since=${t2}`);
    expect(recent.body.events.map((e: { at: string }) => e.at)).toEqual([t2, t3, t3, t3]);
  });

  it.each([
    ['limit=0', 'limit must be an integer between 1 and 1000'],
    ['since=soon', /^since must be an ISO 8601 instant/],
    ['active=true', /^unknown parameter "active"/],
    ['cursor=abc', 'cursor is not one this API returned'],
  ])('refuses %s with 400', async (query, message) => {
    const { response, body } = await getJson(`/api/v1/events?${query}`);
    expect(response.status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    if (typeof message === 'string') expect(body.error.message).toBe(message);
    else expect(body.error.message).toMatch(message);
  });
});

describe('GET /api/v1/events/stream', () => {
  it('streams an event published on the bus as event/id/data', async () => {
    const response = await app.request('/api/v1/events/stream');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const sse = readSse(response.body!);
    await sse.comment('connected');
    expect(bus.listenerCount()).toBe(1);

    // As the poller does: commit, then publish what was recorded.
    const recorded = await scenario.testStore.poll(
      'github',
      snapshot([observedIncident('gh-new', { impact: 'critical' })]),
      '2025-09-10T22:09:30.000Z',
    );
    expect(recorded.length).toBeGreaterThan(0);
    bus.publish(recorded);

    const messages = await sse.messages(recorded.length);
    expect(messages.map((m) => m.id)).toEqual(recorded.map((e) => e.id));
    expect(messages.map((m) => m.event)).toEqual(recorded.map((e) => e.type));
    expect(messages.map((m): unknown => JSON.parse(m.data))).toEqual(recorded.map(asJson));
    scenario.events.push(...recorded);

    await sse.cancel();
    expect(bus.listenerCount()).toBe(0);
  });

  it('replays from the store what was missed after Last-Event-ID, then goes live', async () => {
    const missedFrom = 3;
    const response = await app.request('/api/v1/events/stream', {
      headers: { 'last-event-id': scenario.events[missedFrom - 1]!.id },
    });
    const sse = readSse(response.body!);
    const expected = scenario.events.slice(missedFrom);
    const replayed = await sse.messages(expected.length);
    expect(replayed.map((m) => m.id)).toEqual(expected.map((e) => e.id));

    const live: VendorEvent = { ...scenario.events[0]!, id: 'evt_live_only_on_the_bus' };
    bus.publish([live]);
    const all = await sse.messages(expected.length + 1);
    expect(all.at(-1)!.id).toBe(live.id);
    await sse.cancel();
  });

  it('takes ?after= as a seq, lets Last-Event-ID win over it, and filters by vendor', async () => {
    const bySeq = readSse((await app.request('/api/v1/events/stream?after=6')).body!);
    expect((await bySeq.messages(scenario.events.length - 6)).map((m) => m.id)).toEqual(
      scenario.events.slice(6).map((e) => e.id),
    );
    await bySeq.cancel();

    const header = readSse(
      (
        await app.request('/api/v1/events/stream?after=0', {
          headers: { 'last-event-id': scenario.events.at(-2)!.id },
        })
      ).body!,
    );
    const [only] = await header.messages(1);
    expect(only!.id).toBe(scenario.events.at(-1)!.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(header.raw().match(/^id: /gm)).toHaveLength(1);
    await header.cancel();

    const github = readSse(
      (await app.request('/api/v1/events/stream?after=0&vendor=github')).body!,
    );
    const githubEvents = scenario.events.filter((e) => e.vendorSlug === 'github');
    const received = await github.messages(githubEvents.length);
    expect(received.map((m) => m.id)).toEqual(githubEvents.map((e) => e.id));
    await github.cancel();
  });

  it("forwards a health change as vendor.health without an id, to its vendor's streams", async () => {
    const all = readSse((await app.request('/api/v1/events/stream')).body!);
    const github = readSse((await app.request('/api/v1/events/stream?vendor=github')).body!);
    await all.comment('connected');
    await github.comment('connected');
    const change = {
      vendorSlug: 'flaky',
      health: 'failing' as const,
      errorReason: 'HTTP 503',
      at: '2025-09-10T22:09:00.000Z',
    };
    bus.publishHealth(change);
    bus.publishHealth({ ...change, vendorSlug: 'github' });
    const [flaky, ofGithub] = await all.messages(2);
    // No id: the browser's Last-Event-ID stays on the last stored event.
    expect(flaky).toEqual({ event: 'vendor.health', id: null, data: JSON.stringify(change) });
    expect(JSON.parse(ofGithub!.data)).toMatchObject({ vendorSlug: 'github' });
    const [only] = await github.messages(1);
    expect(JSON.parse(only!.data)).toMatchObject({ vendorSlug: 'github' });
    await all.cancel();
    await github.cancel();
  });

  it('refuses a malformed ?after= with 400 but ignores a malformed Last-Event-ID', async () => {
    const bad = await app.request('/api/v1/events/stream?after=%0Aevil');
    expect(bad.status).toBe(400);
    expect((await jsonBody(bad)).error.code).toBe('invalid_parameter');

    const ignored = await app.request('/api/v1/events/stream', {
      headers: { 'last-event-id': 'not valid\u0001' },
    });
    expect(ignored.status).toBe(200);
    await ignored.body!.cancel();
    expect(bus.listenerCount()).toBe(0);
  });

  it('sends a heartbeat comment and still replays without a bus', async () => {
    const quiet = createApp({
      db: scenario.testStore.store.db,
      now: () => now,
      sseHeartbeatMs: 20,
    });
    const sse = readSse((await quiet.request('/api/v1/events/stream?after=0')).body!);
    expect(await sse.messages(scenario.events.length)).toHaveLength(scenario.events.length);
    await sse.comment('heartbeat');
    await sse.cancel();
  });

  it('ends open streams when the shutdown signal aborts', async () => {
    const shutdown = new AbortController();
    const closing = createApp({
      db: scenario.testStore.store.db,
      now: () => now,
      eventBus: bus,
      shutdownSignal: shutdown.signal,
    });
    const sse = readSse((await closing.request('/api/v1/events/stream')).body!);
    await sse.comment('connected');
    shutdown.abort();
    expect(await sse.ended()).toBe(true);
    expect(bus.listenerCount()).toBe(0);
  });
});
