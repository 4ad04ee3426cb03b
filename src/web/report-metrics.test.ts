// The report card's headline gauges on /metrics, over the store seeded with hand-computed figures.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { reportNow, seedReportStore } from './test-support/report-seed.js';
import type { TestStore } from './test-support/seed.js';

interface Family {
  name: string;
  metrics: Array<{ value?: string; labels?: Record<string, string> }>;
}
const parsePrometheus = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => Family[];

let store: TestStore;

beforeAll(async () => {
  store = await seedReportStore();
});
afterAll(() => store.dispose());

describe('report card gauges', () => {
  it('carry each vendor’s median and p90 time to resolve, postmortem share and update gap', async () => {
    const app = createApp({ db: store.store.db, now: () => reportNow });
    const families = parsePrometheus(await (await app.request('/metrics')).text());
    const values = (name: string) => {
      const family = families.find((item) => item.name === `vendorwatch_report_${name}`)!;
      const byVendor: Record<string, number> = {};
      for (const sample of family.metrics) byVendor[sample.labels!.vendor!] = Number(sample.value);
      return byVendor;
    };
    expect(values('resolve_median_seconds')).toEqual({ a: 7200, b: 600, c: 7200 });
    expect(values('resolve_p90_seconds')).toEqual({ a: 10_800, b: 600, c: 7200 });
    expect(values('postmortem_share')).toEqual({ a: 0.5, b: 1, c: 0 });
    expect(values('update_gap_median_seconds')).toEqual({ a: 2100, b: 300, c: 7200 });
  });
});
