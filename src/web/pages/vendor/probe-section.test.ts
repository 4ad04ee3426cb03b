// The vendor page's Probes section through the real app: an empty state that says what to do,
// each probe's last result, the suspicion banner, the 24 h SVG with its words, the median posting
// lag, and hostile text escaped. Plus the chart's buckets, computed alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordProbeResult } from '../../../store/index.js';
import { createApp } from '../../app.js';
import { balenaIncidentId, now, seedScenario, type Scenario } from '../../test-support/scenario.js';
import { suspect } from '../../test-support/seed.js';
import { visibleText } from '../test-support/inert-html.js';
import { xssVectors } from '../test-support/xss-vectors.js';
import { probeChart } from './probe-chart.js';

let scenario: Scenario;
let app: ReturnType<typeof createApp>;
const minutesAgo = (m: number) => new Date(Date.parse(now) - m * 60_000).toISOString();

beforeAll(async () => {
  scenario = await seedScenario();
  const { db } = scenario.testStore.store;
  const results: Array<[number, boolean, number, string | null]> = [
    [300, true, 120, null],
    [90, false, 2000, 'HTTP 503, expected 2xx'],
    [60, false, 1500, xssVectors[0]!],
  ];
  for (const [ago, ok, ms, error] of results) {
    await recordProbeResult(db, {
      vendorSlug: 'balena',
      probe: 'api',
      url: 'https://api.balena-cloud.com/ping',
      at: minutesAgo(ago),
      ok,
      status: ok ? 200 : 503,
      durationMs: ms,
      error,
    });
  }
  await suspect(
    db,
    'balena',
    { firstSignalAt: minutesAgo(90), suspectedAt: minutesAgo(60) },
    { probes: ['api'], error: 'HTTP 503, expected 2xx' },
  );
  // An earlier incident linked to a suspicion 11 minutes before Balena's first post on it.
  const first = await db
    .selectFrom('incident_updates')
    .select((eb) => eb.fn.min('posted_at').as('at'))
    .where('incident_id', '=', balenaIncidentId)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('incidents')
    .set({ first_signal_at: new Date(Date.parse(first.at) - 11 * 60_000).toISOString() })
    .where('id', '=', balenaIncidentId)
    .execute();
  app = createApp({ db, now: () => now });
});
afterAll(() => scenario.testStore.dispose());

async function page(path: string) {
  const response = await app.request(path);
  const html = await response.text();
  return { status: response.status, html, text: visibleText(html) };
}

describe('the Probes section', () => {
  it('polls a suspected vendor fast, and the page and the API say why', async () => {
    const { html } = await page('/vendors/balena');
    const note = /<span data-testid="polling-note">([\s\S]*?)<\/span>/.exec(html)?.[1] ?? '';
    expect(note.replace(/\s+/g, ' ').trim()).toMatch(
      /^polled every 10 s while its probes suggest an outage \(every \S+ otherwise\)$/,
    );
    const list = (await (await app.request('/api/v1/vendors')).json()) as {
      vendors: Array<{ slug: string; effectiveInterval: number }>;
    };
    expect(list.vendors.find((v) => v.slug === 'balena')?.effectiveInterval).toBe(10);
    const detail = (await (await app.request('/api/v1/vendors/balena')).json()) as {
      effectiveInterval: number;
    };
    expect(detail.effectiveInterval).toBe(10);
  });

  it('says what to do when a vendor has no probes', async () => {
    const { text, html } = await page('/vendors/github');
    expect(html).toContain('data-testid="probes-empty"');
    expect(text).toContain("add probes: to this vendor's entry in the config file");
    expect(html).not.toContain('data-testid="probe-chart"');
  });

  it('shows each probe, the suspicion, the 24 h chart in words, and the median posting lag', async () => {
    const { html, text } = await page('/vendors/balena');
    expect(text).toMatch(/Suspected outage\s*vendorwatch's probes have failed since/);
    expect(text).toContain(`failing api: ${xssVectors[0]}`);
    expect(text).toContain(
      'Last 24 hours: 3 requests, 2 failed (66.7 %). Median latency 1.50 s, slowest 2.00 s. Failures between 20:30 and 21:30 UTC.',
    );
    expect(html).toMatch(
      /<svg[^>]*role="img"[^>]*aria-labelledby="probe-chart-title probe-chart-desc"/,
    );
    expect(html).toContain('<title id="probe-chart-title">Balena probes, last 24 hours</title>');
    expect(html.match(/class="probe-failure"/g)).toHaveLength(2);
    expect(html.match(/class="probe-latency"/g)).toHaveLength(3);
    expect(text).toContain(
      "Median posting lag over 1 linked incident: 11 min (vendorwatch's probes saw errors 11 min before Balena posted).",
    );
    // The incident page says it too, and the API carries it.
    const incident = await page(`/incidents/${balenaIncidentId}`);
    expect(incident.text).toContain("vendorwatch's probes saw errors 11 min before Balena posted");
    const api = (await (await app.request(`/api/v1/incidents/${balenaIncidentId}`)).json()) as {
      firstSignalAt: string;
      postingLagSeconds: number;
    };
    expect(api.postingLagSeconds).toBe(660);
    const vendor = (await (await app.request('/api/v1/vendors/balena')).json()) as {
      suspicion: unknown;
    };
    expect(vendor.suspicion).toEqual({
      firstSignalAt: minutesAgo(90),
      suspectedAt: minutesAgo(60),
    });
    const github = (await (await app.request('/api/v1/vendors/github')).json()) as {
      suspicion: unknown;
    };
    expect(github.suspicion).toBeNull();
  });

  it('escapes what a probe reported', async () => {
    const { html } = await page('/vendors/balena');
    // The latest result's error is hostile: shown as text, never as markup.
    expect(html).not.toContain(xssVectors[0]);
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
  });
});

describe('probeChart', () => {
  it('puts results in half-hour buckets ending at the next half hour, oldest first', () => {
    const chart = probeChart(
      [
        { probe: 'a', at: '2025-09-10T22:01:00.000Z', ok: true, durationMs: 100 },
        { probe: 'a', at: '2025-09-10T22:02:00.000Z', ok: false, durationMs: 300 },
        { probe: 'a', at: '2025-09-10T22:03:00.000Z', ok: true, durationMs: 200 },
        { probe: 'a', at: '2025-09-09T22:29:00.000Z', ok: true, durationMs: 50 },
        { probe: 'a', at: '2025-09-09T22:31:00.000Z', ok: true, durationMs: 70 },
      ],
      now,
    );
    expect(chart.buckets).toHaveLength(48);
    expect(chart.since).toBe('2025-09-09T22:30:00.000Z');
    expect(chart.buckets[0]).toMatchObject({ count: 1, p50Ms: 70 });
    expect(chart.buckets.at(-1)).toMatchObject({
      from: '2025-09-10T22:00:00.000Z',
      count: 3,
      failures: 1,
      p50Ms: 200,
      maxMs: 300,
    });
    expect(chart.count).toBe(4);
    expect(chart.scaleMs).toBe(200);
  });

  it('says so when there is nothing', () => {
    const chart = probeChart([], now);
    expect(chart.summary).toBe('No probe results in the last 24 hours.');
    expect(chart.count).toBe(0);
  });
});
