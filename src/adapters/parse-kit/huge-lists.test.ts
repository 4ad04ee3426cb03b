// docs/reliability.md#a13 across the non-Statuspage adapters: 10,000 items are capped at 500, the
// snapshot says why, and a capped open list is never claimed complete.
import { describe, expect, it } from 'vitest';
import { awsAdapter } from '../aws/index.js';
import { betterstackAdapter } from '../betterstack/index.js';
import { cachetAdapter } from '../cachet/index.js';
import { gcpAdapter } from '../gcp/index.js';
import { herokuAdapter } from '../heroku/index.js';
import { slackAdapter } from '../slack/index.js';
import { statusioAdapter } from '../statusio/index.js';
import type { PlatformAdapter } from '../types.js';

const many = <T>(make: (i: number) => T): T[] => Array.from({ length: 10_000 }, (_, i) => make(i));
const at = '2024-01-01T00:00:00Z';

const cases: Array<[string, PlatformAdapter, Record<string, string>, string]> = [
  [
    'cachet',
    cachetAdapter,
    {
      components: JSON.stringify({ data: many((i) => ({ id: i, name: `c${i}`, status: 1 })) }),
      incidents: JSON.stringify({
        meta: { pagination: { total_pages: 1 } },
        data: many((i) => ({ id: i, name: 'x', status: 1, created_at: '2024-01-01 00:00:00' })),
      }),
    },
    'https://status.example.com',
  ],
  [
    'statusio',
    statusioAdapter,
    {
      status: JSON.stringify({
        result: {
          status: many((i) => ({ id: `s${i}`, name: `s${i}`, status_code: 100 })),
          incidents: many((i) => ({ _id: `i${i}`, name: 'x', datetime_open: at, messages: [] })),
        },
      }),
    },
    'https://api.status.io/1.0/status/5b36dc6502d06804c0834a04',
  ],
  [
    'slack',
    slackAdapter,
    {
      current: JSON.stringify({
        status: 'active',
        active_incidents: many((i) => ({
          id: i,
          title: 'x',
          type: 'incident',
          status: 'active',
          date_created: at,
          services: [`s${i}`],
        })),
      }),
    },
    'https://status.slack.com',
  ],
  [
    'heroku',
    herokuAdapter,
    {
      current: JSON.stringify({
        status: [{ system: 'Apps', status: 'green' }],
        incidents: many((i) => ({ id: i, title: 'x', state: 'open', created_at: at, updates: [] })),
      }),
    },
    'https://status.heroku.com',
  ],
  [
    'gcp',
    gcpAdapter,
    {
      incidents: JSON.stringify(
        many((i) => ({ id: `g${i}`, begin: at, external_desc: 'x', updates: [] })),
      ),
    },
    'https://status.cloud.google.com',
  ],
  [
    'aws',
    awsAdapter,
    {
      events: JSON.stringify(
        many((i) => ({ arn: `arn:${i}`, date: '1719846000', status: '2', summary: 'x' })),
      ),
    },
    'https://health.aws.amazon.com/health/status',
  ],
  [
    'betterstack',
    betterstackAdapter,
    {
      index: JSON.stringify({
        data: { type: 'status_page', attributes: {} },
        included: many((i) => ({
          id: i,
          type: 'status_report',
          attributes: { title: 'x', starts_at: at },
        })),
      }),
    },
    'https://status.example.com',
  ],
];

describe('huge lists are capped at 500', () => {
  it.each(cases)('%s', (_name, adapter, bodies, statusPageUrl) => {
    const result = adapter.parse(bodies, { statusPageUrl });
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.incidents.length).toBeLessThanOrEqual(500);
    expect(result.snapshot.incidents.length).toBeGreaterThan(0);
    expect(result.snapshot.components.length).toBeLessThanOrEqual(500);
    expect(result.snapshot.listsAllOpen).toBe(false);
    expect(result.snapshot.warnings.join(' ')).toMatch(/500/);
  });
});
