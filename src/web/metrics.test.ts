// /metrics read back with a Prometheus text-format parser: store gauges per vendor, component
// and impact, and the poll histogram and error counter fed by observePoll.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createMetrics } from './metrics.js';
import { now, seedScenario, type Scenario } from './test-support/scenario.js';

interface Sample {
  value?: string;
  labels?: Record<string, string>;
  buckets?: Record<string, string>;
  count?: string;
  sum?: string;
}
interface Family {
  name: string;
  help: string;
  type: string;
  metrics: Sample[];
}
const parsePrometheus = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => Family[];

let scenario: Scenario;

beforeAll(async () => {
  scenario = await seedScenario();
});
afterAll(() => scenario.testStore.dispose());

async function scrape(metrics = createMetrics()) {
  const app = createApp({ db: scenario.testStore.store.db, now: () => now, metrics });
  const response = await app.request('/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = await response.text();
  const families = parsePrometheus(text);
  const family = (name: string) => families.find((item) => item.name === name);
  return Object.assign(family, { text });
}

function value(family: Family | undefined, labels: Record<string, string>): number | undefined {
  const sample = family?.metrics.find((metric) =>
    Object.entries(labels).every(([key, wanted]) => metric.labels?.[key] === wanted),
  );
  return sample?.value === undefined ? undefined : Number(sample.value);
}

describe('/metrics', () => {
  it('exposes vendor status, freshness, open incidents by impact and component status', async () => {
    const family = await scrape();
    expect(family('vendorwatch_vendor_status')?.type).toBe('GAUGE');
    expect(value(family('vendorwatch_vendor_status'), { vendor: 'github' })).toBe(4);
    expect(value(family('vendorwatch_vendor_status'), { vendor: 'stripe' })).toBe(2);
    expect(value(family('vendorwatch_vendor_up'), { vendor: 'balena' })).toBe(1);
    expect(value(family('vendorwatch_vendor_up'), { vendor: 'flaky' })).toBe(0);
    expect(value(family('vendorwatch_vendor_data_age_seconds'), { vendor: 'balena' })).toBe(149);
    expect(
      value(family('vendorwatch_vendor_data_age_seconds'), { vendor: 'stripe' }),
    ).toBeUndefined();
    const active = family('vendorwatch_active_incidents');
    expect(value(active, { vendor: 'github', impact: 'major' })).toBe(1);
    expect(value(active, { vendor: 'github', impact: 'critical' })).toBe(0);
    expect(value(active, { vendor: 'balena', impact: 'maintenance' })).toBe(1);
    expect(active?.metrics).toHaveLength(4 * 5);
    const components = family('vendorwatch_component_status');
    expect(value(components, { vendor: 'balena', component: 'API', group: '' })).toBe(0);
    expect(
      value(components, { vendor: 'balena', component: 'Cloudlink (VPN)', group: 'Network' }),
    ).toBe(0);
    expect(components?.metrics).toHaveLength(4);
  });

  it('counts polls by outcome in a histogram and failures per vendor', async () => {
    const metrics = createMetrics();
    metrics.observePoll({ vendorSlug: 'balena', kind: 'changed', events: 2, durationMs: 80 });
    metrics.observePoll({ vendorSlug: 'balena', kind: 'unchanged', events: 0, durationMs: 30 });
    metrics.observePoll({ vendorSlug: 'flaky', kind: 'failed', events: 1, durationMs: 3000 });
    const family = await scrape(metrics);
    expect(family('vendorwatch_poll_duration_seconds')?.type).toBe('HISTOGRAM');
    // This parser folds labelled histograms together, so the per-outcome series are read raw.
    const lines = family.text.split('\n');
    for (const line of [
      'vendorwatch_poll_duration_seconds_bucket{le="2.5",outcome="failed"} 0',
      'vendorwatch_poll_duration_seconds_bucket{le="5",outcome="failed"} 1',
      'vendorwatch_poll_duration_seconds_count{outcome="failed"} 1',
      'vendorwatch_poll_duration_seconds_bucket{le="0.05",outcome="unchanged"} 1',
      'vendorwatch_poll_duration_seconds_sum{outcome="changed"} 0.08',
    ]) {
      expect(lines).toContain(line);
    }
    expect(
      value(family('vendorwatch_poll_errors_total'), { vendor: 'flaky', kind: 'failed' }),
    ).toBe(1);
    expect(value(family('vendorwatch_events_recorded_total'), {})).toBe(3);
  });

  it('says whether the poller holds alerts because its own network looks down', async () => {
    const metrics = createMetrics();
    const degraded = async () =>
      value((await scrape(metrics))('vendorwatch_poller_network_degraded'), {});
    expect((await scrape(metrics))('vendorwatch_poller_network_degraded')?.type).toBe('GAUGE');
    expect(await degraded()).toBe(0);
    metrics.setNetworkDegraded(true);
    expect(await degraded()).toBe(1);
    metrics.setNetworkDegraded(true);
    expect(await degraded()).toBe(1);
    metrics.setNetworkDegraded(false);
    expect(await degraded()).toBe(0);
    // Each Metrics has its own registry: another instance is not moved by this one.
    metrics.setNetworkDegraded(true);
    expect(value((await scrape())('vendorwatch_poller_network_degraded'), {})).toBe(0);
  });

  it('adds process metrics when asked', async () => {
    const family = await scrape(createMetrics({ processMetrics: true }));
    expect(family('vendorwatch_process_cpu_seconds_total')?.type).toBe('COUNTER');
  });
});
