// The report card on the vendor page, over a store seeded with hand-computed figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { reportNow, seedReportStore } from '../../test-support/report-seed.js';
import type { TestStore } from '../../test-support/seed.js';
import { visibleText } from '../test-support/inert-html.js';

let store: TestStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await seedReportStore();
  app = createApp({ db: store.store.db, now: () => reportNow });
});
afterAll(() => store.dispose());

describe('the report card on the vendor page', () => {
  it('shows each figure with the median of every vendor and the comparison as a fact', async () => {
    const response = await app.request('/vendors/a');
    const html = await response.text();
    const text = visibleText(html);
    expect(text).toContain('Report card, last 90 days');
    expect(text).toContain('2 incidents: 1 critical, 0 major, 1 minor, 0 notice; 2 resolved.');
    expect(text).toContain('Median time to resolve2h median of 3 vendors: 2h');
    expect(text).toContain(
      'Time to resolve, 90th percentile3h median of 3 vendors: 2h' +
        'Alpha is slower than most of your vendors: 2 of 2 other vendors did better.',
    );
    expect(text).toContain('Incidents with a postmortem50% median of 3 vendors: 50%');
    expect(text).toContain('Median days to the postmortem2 days median of 2 vendors: 1.5 days');
    expect(text).toContain('Median gap between updates35m median of 3 vendors: 35m');
    expect(html).toContain('data-report-figure="resolveP90" data-standing="worse than most"');
    expect(html).toContain('<a href="/incidents/a-a1">a-a1</a>');
    expect(text).toContain('How it is computed');
  });

  it('calls the quickest vendor faster than most', async () => {
    const text = visibleText(await (await app.request('/vendors/b')).text());
    expect(text).toContain(
      'Beta is faster than most of your vendors: 2 of 2 other vendors did worse.',
    );
  });
});
