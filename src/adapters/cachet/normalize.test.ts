import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { cachetAdapter } from './index.js';

const v2 = {
  components: readFixture('cachet', 'v1-components.yoti.2020-10.json'),
  groups: readFixture('cachet', 'v1-components-groups.docs-shape.json'),
  incidents: readFixture('cachet', 'v1-incidents.docs-shape.json'),
};
const v3 = {
  components: readFixture('cachet', 'v3-api-components.docs-shape.json'),
  incidents: readFixture('cachet', 'v3-api-incidents.docs-example.2024-10.json'),
};

function parse(bodies: Record<string, string | null>, statusPageUrl: string): VendorSnapshot {
  const result = cachetAdapter.parse(bodies, { statusPageUrl });
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

const scenarios: Array<[string, Record<string, string | null>, string]> = [
  [
    'v1-components.yoti.2020-10.json',
    { components: v2.components, groups: null, incidents: null },
    'https://status.yoti.com',
  ],
  [
    'v1-components-groups.docs-shape.json',
    { components: v2.components, groups: v2.groups, incidents: null },
    'https://status.yoti.com',
  ],
  ['v1-incidents.docs-shape.json', v2, 'https://status.yoti.com'],
  [
    'v3-api-components.docs-shape.json',
    { components: v3.components, groups: null, incidents: null },
    'https://v3.cachethq.io/api',
  ],
  ['v3-api-incidents.docs-example.2024-10.json', v3, 'https://v3.cachethq.io/api'],
];

describe('cachet adapter: golden files', () => {
  it.each(scenarios)('%s matches its normalized golden file', (name, bodies, url) => {
    expectGolden('cachet', name, parse(bodies, url));
  });
});

describe('cachet adapter: Cachet 2 (API v1)', () => {
  const snapshot = parse(v2, 'https://status.yoti.com');

  it('maps integer statuses, groups by group_id and keeps same-named components apart', () => {
    expect(snapshot.components).toHaveLength(7);
    const docScans = snapshot.components.filter((c) => c.name === 'Yoti Doc Scan');
    expect(docScans.map((c) => [c.id, c.group])).toEqual([
      ['9', 'Partner Integrations'],
      ['6', 'Yoti Platform'],
    ]);
    expect(snapshot.components.every((c) => c.status === 'operational')).toBe(true);
  });

  it('reads status 0 as scheduled maintenance and 3 (Watching) as monitoring, times as UTC', () => {
    const byId = new Map(snapshot.incidents.map((incident) => [incident.sourceId, incident]));
    expect(byId.get('12')).toMatchObject({
      kind: 'maintenance',
      impact: 'maintenance',
      phase: 'scheduled',
      startedAt: '2020-10-11T02:00:00.000Z',
      scheduledFor: '2020-10-11T02:00:00.000Z',
      components: [],
    });
    expect(byId.get('11')).toMatchObject({
      kind: 'incident',
      impact: 'minor',
      phase: 'monitoring',
      components: ['Yoti Age Scan'],
      sourceUrl: 'https://status.yoti.com/incidents/11',
    });
    expect(byId.get('11')!.updates[0]!.bodyText).toBe(
      'We are seeing slow responses from Age Scan.\n\nA fix is deployed and we are watching.',
    );
    expect(byId.get('10')).toMatchObject({
      phase: 'resolved',
      resolvedAt: '2020-10-05T11:22:03.000Z',
    });
    expect(snapshot.listsAllOpen).toBe(true);
    expect(snapshot.warnings).toEqual([expect.stringContaining('no zone; read as UTC')]);
  });
});

describe('cachet adapter: Cachet 3', () => {
  const snapshot = parse(v3, 'https://v3.cachethq.io/api');

  it('reads JSON:API rows with {human, value} statuses and {string} dates', () => {
    expect(snapshot.components.map((c) => [c.name, c.status])).toEqual([
      ['Documentation', 'degraded_performance'],
      ['DNS', 'unknown'],
    ]);
    expect(snapshot.incidents.map((i) => [i.sourceId, i.phase, i.startedAt, i.resolvedAt])).toEqual(
      [
        ['2', 'investigating', '2024-10-27T08:31:59.000Z', null],
        ['1', 'resolved', '2024-10-26T09:01:59.000Z', '2024-10-26T09:01:59.000Z'],
      ],
    );
    expect(snapshot.incidents[0]!.sourceUrl).toBe('https://v3.cachethq.io/incidents/2');
    // The example has no `links.next`, so it cannot prove it is the last page.
    expect(snapshot.listsAllOpen).toBe(false);
  });
});

describe('cachet adapter: endpoints', () => {
  it('polls API v1 for a page URL and the v3 API for a URL ending in /api', () => {
    expect(cachetAdapter.endpoints('https://status.yoti.com/').map((e) => e.url)).toEqual([
      'https://status.yoti.com/api/v1/components?per_page=100',
      'https://status.yoti.com/api/v1/components/groups?per_page=100',
      'https://status.yoti.com/api/v1/incidents?per_page=100&sort=id&order=desc',
    ]);
    expect(cachetAdapter.endpoints('https://v3.cachethq.io/api').map((e) => e.url)[0]).toBe(
      'https://v3.cachethq.io/api/components?per_page=100',
    );
    expect(cachetAdapter.endpoints('https://status.yoti.com/api/v1/components')[0]!.url).toBe(
      'https://status.yoti.com/api/v1/components?per_page=100',
    );
  });
});

describe('cachet adapter: hostile payloads', () => {
  const url = 'https://status.example.com';
  it.each([
    ['HTML', '<html>Whoops</html>'],
    ['no data list', '{"meta":{}}'],
    ['data is an object', '{"data":{"id":1}}'],
    ['nothing', null],
  ])('fails on components %s', (_name, components) => {
    expect(
      cachetAdapter.parse({ components, groups: null, incidents: null }, { statusPageUrl: url }).ok,
    ).toBe(false);
  });

  it('tolerates string statuses, unknown codes, bad rows and hidden incidents', () => {
    const components = JSON.stringify({
      data: [
        { id: 1, name: 'A', status: '2' },
        { id: 2, name: 'B', status: 9 },
        { id: 3, name: 'C', status: 1, enabled: false },
        { name: 'no id' },
        'junk',
      ],
    });
    const incidents = JSON.stringify({
      data: [
        { id: 1, name: 'hidden', status: 1, visible: 0, created_at: '2024-01-01 00:00:00' },
        {
          id: 2,
          name: 'odd',
          status: 'x',
          created_at: '2024-01-01 00:00:00',
          message: '<script>alert(1)</script>hi',
        },
        { id: 3, name: 'no time', status: 1, created_at: 'yesterday' },
        { id: 2, name: 'duplicate', status: 1, created_at: '2024-01-01 00:00:00' },
      ],
    });
    const snapshot = parse({ components, groups: '<html>', incidents }, url);
    expect(snapshot.components.map((c) => [c.id, c.status])).toEqual([
      ['1', 'degraded_performance'],
      ['2', 'unknown'],
    ]);
    expect(snapshot.incidents.map((i) => [i.sourceId, i.title, i.phase])).toEqual([
      ['2', 'odd', 'investigating'],
    ]);
    expect(snapshot.incidents[0]!.updates[0]!.body).toBe('hi');
    expect(snapshot.listsAllOpen).toBe(false);
  });
});
