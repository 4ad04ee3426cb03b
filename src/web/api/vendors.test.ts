import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../app.js';
import { now, seedScenario, t3, type Scenario } from '../test-support/scenario.js';
import { schemaProblems } from '../test-support/schema-check.js';
import { observedIncident, snapshot } from '../test-support/seed.js';
import { jsonBody } from '../test-support/json-body.js';

let scenario: Scenario;
let app: Hono;

beforeAll(async () => {
  scenario = await seedScenario();
  app = createApp({ db: scenario.testStore.store.db, now: () => now });
});
afterAll(() => scenario.testStore.dispose());

async function getJson(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers });
  return { response, body: response.status === 304 ? null : await jsonBody(response) };
}

describe('GET /api/v1/vendors', () => {
  it('lists every vendor in the exact documented shape, error only where the last poll failed', async () => {
    const { response, body } = await getJson('/api/v1/vendors');
    expect(response.status).toBe(200);
    expect(Object.keys(body)).toEqual(['vendors']);
    expect(body.vendors).toEqual([
      {
        slug: 'balena',
        name: 'Balena',
        platform: 'statuspage',
        category: 'iot',
        statusPageUrl: 'https://status.balena.io',
        // The open maintenance implies under_maintenance though every component is operational.
        status: 'under_maintenance',
        activeIncidents: 1,
        health: 'ok',
        lastPolledAt: t3,
        lastSuccessAt: t3,
        // The first poll (t0) was the first success.
        firstSuccessAt: '2025-09-10T13:00:00.000Z',
        failingSince: null,
        consecutiveFailures: 0,
        paused: false,
        followedComponents: null,
        // Only a maintenance is open: no fast polling.
        effectiveInterval: 60,
        pushReceivedAt: null,
        pushPolledAt: null,
      },
      {
        slug: 'flaky',
        name: 'Flaky Cloud',
        platform: 'instatus',
        category: 'cloud',
        statusPageUrl: 'https://status.flaky.example.com',
        status: 'operational',
        activeIncidents: 0,
        health: 'failing',
        lastPolledAt: '2025-09-10T22:09:00.000Z',
        lastSuccessAt: '2025-09-10T22:08:00.000Z',
        firstSuccessAt: '2025-09-10T22:08:00.000Z',
        failingSince: '2025-09-10T22:09:00.000Z',
        consecutiveFailures: 1,
        paused: false,
        followedComponents: null,
        effectiveInterval: 60,
        pushReceivedAt: null,
        pushPolledAt: null,
        error: 'HTTP 503 from https://status.flaky.example.com',
        errorReason: 'HTTP 503',
      },
      {
        slug: 'github',
        name: 'GitHub',
        platform: 'statuspage',
        category: 'devtools',
        statusPageUrl: 'https://www.githubstatus.com',
        status: 'partial_outage',
        activeIncidents: 1,
        health: 'ok',
        lastPolledAt: '2025-09-10T22:08:30.000Z',
        lastSuccessAt: '2025-09-10T22:08:30.000Z',
        firstSuccessAt: '2025-09-10T13:00:00.000Z',
        failingSince: null,
        consecutiveFailures: 0,
        paused: false,
        followedComponents: null,
        // An open incident: polled at the default active interval.
        effectiveInterval: 10,
        pushReceivedAt: null,
        pushPolledAt: null,
      },
      {
        slug: 'stripe',
        name: 'Stripe',
        platform: 'statuspage',
        category: 'payments',
        statusPageUrl: 'https://status.stripe.example.com',
        status: 'unknown',
        activeIncidents: 0,
        // Never read: failing (never succeeded), as the dashboard and the CLI say; not stale.
        health: 'failing',
        lastPolledAt: null,
        lastSuccessAt: null,
        firstSuccessAt: null,
        failingSince: null,
        consecutiveFailures: 0,
        paused: false,
        followedComponents: null,
        effectiveInterval: 60,
        pushReceivedAt: null,
        pushPolledAt: null,
      },
    ]);
    for (const item of body.vendors) expect(schemaProblems(item, 'Vendor')).toEqual([]);
    expect('error' in body.vendors[0]).toBe(false);
  });

  it('revalidates with the ETag (304), and a new poll changes the ETag', async () => {
    const first = await getJson('/api/v1/vendors');
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.response.headers.get('cache-control')).toBe('no-cache');

    const again = await getJson('/api/v1/vendors', { 'if-none-match': etag });
    expect(again.response.status).toBe(304);

    const later = '2025-09-10T22:11:00.000Z';
    await scenario.testStore.poll('stripe', snapshot([observedIncident('s1')]), later);
    try {
      const changed = await getJson('/api/v1/vendors', { 'if-none-match': etag });
      expect(changed.response.status).toBe(200);
      expect(changed.response.headers.get('etag')).not.toBe(etag);
      expect(changed.body.vendors.find((v: { slug: string }) => v.slug === 'stripe')).toMatchObject(
        {
          health: 'ok',
          lastSuccessAt: later,
        },
      );
    } finally {
      // Back to "never polled" is impossible; later tests in this file do not look at stripe.
    }
  });
});

describe('GET /api/v1/vendors/{slug}', () => {
  it('returns the vendor itself with its components and active incidents (not wrapped)', async () => {
    const { response, body } = await getJson('/api/v1/vendors/balena');
    expect(response.status).toBe(200);
    expect(schemaProblems(body, 'VendorDetail')).toEqual([]);
    expect(body).toMatchObject({
      slug: 'balena',
      name: 'Balena',
      status: 'under_maintenance',
      health: 'ok',
    });
    expect(body.components).toEqual([
      { id: 'c-api', name: 'API', group: null, status: 'operational' },
      { id: 'c-os', name: 'BalenaOS Download', group: null, status: 'operational' },
      { id: 'c-dash', name: 'Dashboard', group: null, status: 'operational' },
      { id: 'c-vpn', name: 'Cloudlink (VPN)', group: 'Network', status: 'operational' },
    ]);
    expect(body.activeIncidents).toEqual([
      {
        id: 'balena-mnt1',
        vendorSlug: 'balena',
        sourceId: 'mnt1',
        title: 'Database upgrade',
        kind: 'maintenance',
        impact: 'maintenance',
        phase: 'in_progress',
        startedAt: '2025-09-10T22:00:00.000Z',
        resolvedAt: null,
        detectedAt: t3,
        backfilled: false,
        sourceUrl: 'https://status.example.com/incidents/mnt1',
        components: ['Dashboard'],
        scheduledFor: '2025-09-10T22:00:00.000Z',
        scheduledUntil: '2025-09-10T23:00:00.000Z',
        regions: [],
        firstSignalAt: null,
      },
    ]);
  });

  it('carries the error of a failing vendor', async () => {
    const { body } = await getJson('/api/v1/vendors/flaky');
    expect(body).toMatchObject({
      health: 'failing',
      failingSince: '2025-09-10T22:09:00.000Z',
      consecutiveFailures: 1,
      error: 'HTTP 503 from https://status.flaky.example.com',
      errorReason: 'HTTP 503',
      components: [],
      activeIncidents: [],
    });
  });

  it('answers 404 with a JSON error for an unknown slug', async () => {
    for (const slug of ['nope', 'x'.repeat(400), '%E2%9C%93']) {
      const { response, body } = await getJson(`/api/v1/vendors/${slug}`);
      expect(response.status).toBe(404);
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toMatch(/^no vendor with slug "/);
      expect(schemaProblems(body, 'Error')).toEqual([]);
    }
  });
});
