// GET /api/v1/vendors/{slug}/report on a store seeded with hand-computed figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { jsonBody } from '../test-support/json-body.js';
import { schemaProblems } from '../test-support/schema-check.js';
import { reportNow, seedReportStore } from '../test-support/report-seed.js';
import type { TestStore } from '../test-support/seed.js';

let store: TestStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await seedReportStore();
  app = createApp({ db: store.store.db, now: () => reportNow });
});
afterAll(() => store.dispose());

async function json(path: string) {
  const response = await app.request(path);
  return { status: response.status, body: await jsonBody(response) };
}

describe('GET /api/v1/vendors/{slug}/report', () => {
  it('gives the hand-computed figures, each compared with every watched vendor', async () => {
    const { status, body } = await json('/api/v1/vendors/a/report?days=90');
    expect(status).toBe(200);
    expect(schemaProblems(body, 'VendorReport')).toEqual([]);
    expect(body.vendor).toEqual({ slug: 'a', name: 'Alpha' });
    expect(body).toMatchObject({ days: 90, since: '2025-04-01T00:00:00.000Z', watchedVendors: 3 });
    expect(body.figures).toEqual({
      incidents: 2,
      byImpact: { critical: 1, major: 0, minor: 1, notice: 0 },
      resolve: { median: 7200, p90: 10_800, resolved: 2 },
      postmortem: { share: 0.5, count: 1, medianDays: 2 },
      // Gaps 1200, 2400 (a1) and 1800, 9000 (a2): the mean of the middle two.
      cadence: { medianGapSeconds: 2100, gaps: 4 },
      // The seed names no component for any incident; every other flag is absent.
      flags: {
        stuck: 0,
        backdated: 0,
        downgraded: 0,
        rewritten: 0,
        silent_resolution: 0,
        no_components: 2,
        postmortem_missing: 0,
      },
    });
    expect(body.flagComparisons.no_components).toMatchObject({ value: 2, peers: 3 });
    expect(body.flagComparisons.stuck).toMatchObject({ value: 0, peerMedian: 0 });
    expect(body.methods.flags).toMatch(/fewer is better/);
    expect(body.comparisons.resolveP90).toEqual({
      value: 10_800,
      peerMedian: 7200,
      peers: 3,
      better: 2,
      worse: 0,
      standing: 'worse than most',
    });
    expect(body.comparisons.resolveMedian).toMatchObject({
      peerMedian: 7200,
      standing: 'about the median',
    });
    expect(body.comparisons.postmortemDays).toMatchObject({ peerMedian: 1.5, peers: 2 });
    expect(body.comparisons.cadence).toMatchObject({ value: 2100, peerMedian: 2100 });
    expect(body.methods.resolveP90).toMatch(/nearest rank/);
    expect(body.incidents).toEqual([
      { id: 'a-a2', url: '/incidents/a-a2' },
      { id: 'a-a1', url: '/incidents/a-a1' },
    ]);
  });

  it('shrinks with the window and refuses a bad one', async () => {
    // 26 days back from June 30 reaches June 4: only b and c have incidents then.
    const { body } = await json('/api/v1/vendors/a/report?days=26');
    expect(body.figures.incidents).toBe(0);
    expect(body.comparisons.resolveMedian).toMatchObject({ value: null, standing: 'no peers' });
    for (const days of ['0', '366', 'x', '1.5']) {
      expect((await json(`/api/v1/vendors/a/report?days=${days}`)).status, days).toBe(400);
    }
    expect((await json('/api/v1/vendors/nobody/report')).status).toBe(404);
  });
});
