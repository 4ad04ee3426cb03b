// The printable SLA evidence page through the real app on the shared scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { balenaIncidentId, now, seedScenario, type Scenario } from '../../test-support/scenario.js';
import { visibleText } from '../test-support/inert-html.js';

let scenario: Scenario;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  scenario = await seedScenario();
  app = createApp({
    db: scenario.testStore.store.db,
    now: () => now,
    uptimeWeights: { critical: 1, major: 0.5, minor: 0.1, notice: 1 },
  });
});
afterAll(() => scenario.testStore.dispose());

async function page(path: string) {
  const response = await app.request(path);
  const html = await response.text();
  return { status: response.status, html, text: visibleText(html) };
}

describe('the uptime page', () => {
  it('shows the figures to the second, the method, the weights and the incidents behind them', async () => {
    const { status, html, text } = await page(
      '/vendors/balena/uptime?from=2025-09-10&to=2025-09-11&component=API',
    );
    expect(status).toBe(200);
    expect(text).toContain('Uptime of Balena — API');
    expect(html).toContain('<dd data-figure="uptime">65.2778%</dd>');
    expect(text).toContain('Weighted downtime8h 20m (30,000 s)');
    expect(text).toContain('Time under incident8h 20m (30,000 s)');
    expect(text).toContain('How it is computed: Each incident counts from its start');
    expect(text).toContain('Notice 1');
    expect(html).toContain(`href="/incidents/${balenaIncidentId}"`);
    // The component is chosen in the form and the links carry the same range.
    expect(html).toMatch(/<option value="API" selected="">API<\/option>/);
    expect(html).toContain(
      'href="/api/v1/vendors/balena/uptime?from=2025-09-10T00%3A00%3A00.000Z&amp;to=2025-09-11T00%3A00%3A00.000Z&amp;component=API&amp;format=csv"',
    );
  });

  it('keeps maintenance apart on the whole vendor', async () => {
    const { html, text } = await page('/vendors/balena/uptime?from=2025-09-10&to=2025-09-11');
    expect(text).toContain('Maintenance (not downtime)10m (600 s)');
    expect(html).toContain('href="/incidents/balena-mnt1"');
  });

  it('answers an HTML 400 for a bad range and 404 for an unknown vendor', async () => {
    expect((await page('/vendors/balena/uptime?from=2025-09-11&to=2025-09-10')).status).toBe(400);
    expect((await page('/vendors/balena/uptime?from=soon')).text).toContain('from must be a date');
    expect((await page('/vendors/nobody/uptime')).status).toBe(404);
  });
});
