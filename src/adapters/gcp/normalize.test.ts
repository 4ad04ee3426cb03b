import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { gcpAdapter } from './index.js';

const context = { statusPageUrl: 'https://status.cloud.google.com' };
const recorded = readFixture('gcp', 'incidents.2022-07-01.first5.json');
const products = readFixture('gcp', 'products.docs-shape.json');
const open = readFixture('gcp', 'incidents.docs-shape.open-outage.json');

function parse(bodies: Record<string, string | null>): VendorSnapshot {
  const result = gcpAdapter.parse(bodies, context);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('gcp adapter: golden files', () => {
  it.each([
    ['incidents.2022-07-01.first5.json', { incidents: recorded, products: null }],
    ['products.docs-shape.json', { incidents: recorded, products }],
    ['incidents.docs-shape.open-outage.json', { incidents: open, products }],
  ])('%s matches its normalized golden file', (name, bodies) => {
    expectGolden('gcp', name, parse(bodies));
  });
});

describe('gcp adapter: quirks', () => {
  const snapshot = parse({ incidents: recorded, products: null });
  const byId = new Map(snapshot.incidents.map((incident) => [incident.sourceId, incident]));

  it('names every product of a multi-product incident and builds the link from uri', () => {
    expect(byId.get('mDY7jN545et9XUV541MZ')).toMatchObject({
      components: ['Google Cloud Composer', 'Google Cloud SQL'],
      sourceUrl: 'https://status.cloud.google.com/incidents/mDY7jN545et9XUV541MZ',
      impact: 'minor',
      phase: 'resolved',
      startedAt: '2022-06-30T18:12:00.000Z',
      resolvedAt: '2022-07-01T02:15:28.000Z',
    });
    expect(snapshot.components.map((c) => c.name)).toEqual([
      'Apigee',
      'Google BigQuery',
      'Google Cloud Composer',
      'Google Cloud Networking',
      'Google Cloud SQL',
      'Hybrid Connectivity',
    ]);
    expect(snapshot.components.every((c) => c.status === 'operational')).toBe(true);
  });

  it('orders updates oldest first; the second AVAILABLE update (incident report) is the postmortem', () => {
    const apigee = byId.get('sPyYB214xAhqnoxNrrnW')!;
    expect(apigee.impact).toBe('major');
    expect(apigee.phase).toBe('postmortem');
    expect(apigee.updates.map((u) => u.phase)).toEqual([
      'investigating',
      'investigating',
      'resolved',
      'postmortem',
    ]);
    expect(apigee.updates[3]!.bodyText).toMatch(/^We apologize for the inconvenience/);
    const bigquery = byId.get('TaA75H7XA1DQyM2ReK2f')!;
    expect(bigquery.updates.at(-1)).toMatchObject({
      phase: 'resolved',
      postedAt: '2022-07-01T19:25:45.000Z',
    });
  });

  it('marks the products of an open outage by id, even when the catalogue title differs', () => {
    const withOpen = parse({ incidents: open, products });
    expect(withOpen.incidents[0]).toMatchObject({
      impact: 'critical',
      phase: 'investigating',
      resolvedAt: null,
      title: 'Compute Engine & Cloud SQL: instance creation failures in us-central1',
    });
    expect(withOpen.incidents[0]!.updates[1]!.bodyText).toContain('underway & error rates');
    expect(withOpen.incidents[0]!.components).toEqual(['Google Compute Engine', 'Cloud SQL']);
    const status = Object.fromEntries(withOpen.components.map((c) => [c.name, c.status]));
    expect(status['Cloud SQL']).toBe('major_outage');
    expect(status['Google Compute Engine']).toBe('major_outage');
    expect(status['Apigee']).toBe('operational');
    expect(withOpen.listsAllOpen).toBe(true);
  });

  it('derives endpoints from the configured page (Cloud or Workspace)', () => {
    expect(
      gcpAdapter.endpoints('https://www.google.com/appsstatus/dashboard/').map((e) => e.url),
    ).toEqual([
      'https://www.google.com/appsstatus/dashboard/incidents.json',
      'https://www.google.com/appsstatus/dashboard/products.json',
    ]);
    expect(gcpAdapter.endpoints('https://status.cloud.google.com/incidents.json')[0]!.url).toBe(
      'https://status.cloud.google.com/incidents.json',
    );
  });
});

describe('gcp adapter: hostile payloads', () => {
  it.each([
    ['HTML', '<html>Google</html>'],
    ['an object', '{"incidents":[]}'],
    ['truncated', '[{"id":"x"'],
  ])('fails on %s', (_name, incidents) => {
    expect(gcpAdapter.parse({ incidents, products: null }, context).ok).toBe(false);
  });

  it('skips broken incidents, reads unknown impacts as minor, keeps hostile text inert', () => {
    const incidents = JSON.stringify([
      { id: 'a', begin: 'never' },
      { begin: '2022-01-01T00:00:00+00:00' },
      {
        id: 'b',
        begin: '2022-01-01T00:00:00+00:00',
        status_impact: 'SERVICE_MELTDOWN',
        severity: 'extreme',
        external_desc: '<script>alert(1)</script>',
        uri: 'javascript:alert(1)',
        affected_products: [{ title: 'X', id: 'x1' }, 'junk'],
        updates: [
          {
            created: '2022-01-01T00:00:00+00:00',
            text: '<img src=x onerror=alert(1)>down',
            status: 'SERVICE_OUTAGE',
          },
          { text: 'no time' },
        ],
      },
    ]);
    const snapshot = parse({ incidents, products: '{"products":"x"}' });
    expect(snapshot.incidents.map((i) => [i.sourceId, i.impact, i.phase, i.sourceUrl])).toEqual([
      ['b', 'minor', 'investigating', 'https://status.cloud.google.com/incidents/b'],
    ]);
    expect(snapshot.incidents[0]!.updates.map((u) => u.body)).toEqual(['down']);
    expect(snapshot.components.map((c) => [c.name, c.status])).toEqual([
      ['X', 'degraded_performance'],
    ]);
    expect(snapshot.listsAllOpen).toBe(false);
  });
});
