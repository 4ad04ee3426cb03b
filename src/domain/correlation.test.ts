// The grouping rule as a table: stored histories in, decisions out. Time alone never groups;
// text needs the same provider AND region where the provider has regions.
import { describe, expect, it } from 'vitest';
import {
  correlate,
  parseDependency,
  type CorrelationIncident,
  type Dependency,
  type KnownOutage,
} from './correlation.js';
import { upstreamMentions } from './upstream-mentions.js';

const t0 = Date.parse('2026-03-02T14:00:00.000Z');
const minute = 60_000;

function incident(
  vendorSlug: string,
  startMinute: number,
  text: string,
  extra: Partial<CorrelationIncident> = {},
): CorrelationIncident {
  return {
    id: `${vendorSlug}-${startMinute}`,
    vendorSlug,
    startedAt: new Date(t0 + startMinute * minute).toISOString(),
    backfilled: false,
    regions: [],
    text,
    ...extra,
  };
}

function deps(table: Record<string, string[]>): (slug: string) => Dependency[] {
  return (slug) => (table[slug] ?? []).map((value) => parseDependency(value, 'config')!);
}

const window = 15 * 60;

interface Row {
  name: string;
  incidents: CorrelationIncident[];
  dependsOn?: Record<string, string[]>;
  outages?: KnownOutage[];
  /** Each group as "upstream[:region] = incident ids", or [] for none. */
  expected: string[];
}

const rows: Row[] = [
  {
    name: 'two unrelated vendors in the same minute with no shared evidence: not grouped',
    incidents: [
      incident('acme', 0, 'Elevated API errors'),
      incident('beta', 0, 'Email delivery delayed'),
    ],
    expected: [],
  },
  {
    name: 'same minute, each depends on a different upstream: not grouped',
    incidents: [incident('acme', 0, 'Errors'), incident('beta', 0, 'Errors')],
    dependsOn: { acme: ['cloudflare'], beta: ['fastly'] },
    expected: [],
  },
  {
    name: 'both texts name AWS us-east-1: grouped on text',
    incidents: [
      incident('acme', 0, 'Our provider AWS has issues in us-east-1'),
      incident('beta', 4, 'Degraded: upstream AWS outage (US-EAST-1)'),
    ],
    expected: ['aws:us-east-1 = acme-0 beta-4'],
  },
  {
    name: 'texts name AWS in different regions: not grouped',
    incidents: [
      incident('acme', 0, 'AWS issues in us-east-1'),
      incident('beta', 1, 'AWS issues in eu-west-1'),
    ],
    expected: [],
  },
  {
    name: 'texts name AWS without a region: not grouped (a region applies)',
    incidents: [
      incident('acme', 0, 'An AWS problem affects us'),
      incident('beta', 1, 'Our AWS hosting is degraded'),
    ],
    expected: [],
  },
  {
    name: 'texts name Cloudflare (no regions): grouped',
    incidents: [
      incident('acme', 0, 'Cloudflare is having an incident'),
      incident('beta', 7, 'Requests failing because of a Cloudflare outage'),
    ],
    expected: ['cloudflare = acme-0 beta-7'],
  },
  {
    name: 'texts name Azure Front Door: grouped as its own scope',
    incidents: [
      incident('acme', 0, 'Azure Front Door errors'),
      incident('beta', 3, 'Impact from an Azure Front Door incident'),
    ],
    expected: ['azure:front-door = acme-0 beta-3'],
  },
  {
    name: 'shared evidence but starts 16 minutes apart: not grouped',
    incidents: [
      incident('acme', 0, 'Cloudflare outage'),
      incident('beta', 16, 'Cloudflare outage'),
    ],
    expected: [],
  },
  {
    name: 'the upstream has an incident and a dependent declared it: grouped, upstream role',
    incidents: [
      incident('aws', 0, 'Increased error rates in us-east-1'),
      incident('acme', 5, 'Elevated errors'),
    ],
    dependsOn: { acme: ['aws:us-east-1'] },
    expected: ['aws:us-east-1 = aws-0 acme-5'],
  },
  {
    name: 'the upstream had an incident in another region than the declared one: not grouped',
    incidents: [
      incident('aws', 0, 'Increased error rates in eu-west-1'),
      incident('acme', 5, 'Elevated errors'),
    ],
    dependsOn: { acme: ['aws:us-east-1'] },
    expected: [],
  },
  {
    name: 'two vendors declared on AWS without a region: not grouped (too broad)',
    incidents: [incident('acme', 0, 'Errors'), incident('beta', 2, 'Errors')],
    dependsOn: { acme: ['aws'], beta: ['aws'] },
    expected: [],
  },
  {
    name: 'two vendors declared on the same AWS region: grouped',
    incidents: [incident('acme', 0, 'Errors'), incident('beta', 2, 'Errors')],
    dependsOn: { acme: ['aws:us-east-1'], beta: ['aws:us-east-1'] },
    expected: ['aws:us-east-1 = acme-0 beta-2'],
  },
  {
    name: 'two vendors declared behind Cloudflare: grouped',
    incidents: [incident('acme', 0, 'Errors'), incident('beta', 2, 'Errors')],
    dependsOn: { acme: ['cloudflare'], beta: ['cloudflare'] },
    expected: ['cloudflare = acme-0 beta-2'],
  },
  {
    name: 'upstream and three dependents 3–9 minutes apart, one unrelated at the same time',
    incidents: [
      incident('aws', 0, 'Increased API error rates in US-EAST-1'),
      incident('acme', 3, 'Elevated errors'),
      incident('beta', 9, 'Our hosting provider AWS has an outage in us-east-1'),
      incident('gamma', 18, 'Login failures'),
      incident('delta', 4, 'Database replication lag'),
    ],
    dependsOn: { acme: ['aws:us-east-1'], gamma: ['aws'], delta: ['cloudflare'] },
    expected: ['aws:us-east-1 = aws-0 acme-3 beta-9 gamma-18'],
  },
  {
    name: 'a later member joins an existing outage; members already in it stay',
    incidents: [
      incident('aws', 0, 'Errors in us-east-1'),
      incident('acme', 3, 'Elevated errors'),
      incident('beta', 10, 'AWS us-east-1 is down'),
    ],
    dependsOn: { acme: ['aws:us-east-1'] },
    outages: [
      {
        id: 'out-1',
        upstream: 'aws',
        region: 'us-east-1',
        members: [
          { incidentId: 'aws-0', vendorSlug: 'aws', startedAt: new Date(t0).toISOString() },
          {
            incidentId: 'acme-3',
            vendorSlug: 'acme',
            startedAt: new Date(t0 + 3 * minute).toISOString(),
          },
        ],
      },
    ],
    expected: ['join out-1 aws:us-east-1 = beta-10'],
  },
  {
    name: 'an outage whose members are all stored decides nothing again',
    incidents: [incident('aws', 0, 'Errors in us-east-1'), incident('acme', 3, 'Errors')],
    dependsOn: { acme: ['aws:us-east-1'] },
    outages: [
      {
        id: 'out-1',
        upstream: 'aws',
        region: 'us-east-1',
        members: [
          { incidentId: 'aws-0', vendorSlug: 'aws', startedAt: new Date(t0).toISOString() },
          {
            incidentId: 'acme-3',
            vendorSlug: 'acme',
            startedAt: new Date(t0 + 3 * minute).toISOString(),
          },
        ],
      },
    ],
    expected: [],
  },
  {
    name: 'two incidents of one vendor are not an outage that spans vendors',
    incidents: [incident('acme', 0, 'Cloudflare issue'), incident('acme', 2, 'Cloudflare issue')],
    expected: [],
  },
];

function describeDecisions(row: Row): string[] {
  return correlate({
    incidents: row.incidents,
    outages: row.outages ?? [],
    dependsOn: deps(row.dependsOn ?? {}),
    windowSeconds: window,
  }).map((decision) => {
    const cause = (region: string | null, upstream: string) =>
      region ? `${upstream}:${region}` : upstream;
    const ids = decision.members.map((m) => m.incidentId).join(' ');
    return decision.action === 'create'
      ? `${cause(decision.region, decision.upstream)} = ${ids}`
      : `join ${decision.outageId} ${cause(decision.region, 'aws')} = ${ids}`;
  });
}

describe('correlate', () => {
  it.each(rows)('$name', (row) => {
    expect(describeDecisions(row)).toEqual(row.expected);
  });

  it('records the evidence of each member and the member it was near', () => {
    const [decision] = correlate({
      incidents: [
        incident('aws', 0, 'Increased error rates in us-east-1'),
        incident('acme', 3, 'Elevated errors'),
        incident('beta', 9, 'AWS us-east-1 problems'),
      ],
      outages: [],
      dependsOn: deps({ acme: ['aws:us-east-1'] }),
      windowSeconds: window,
    });
    expect(decision).toMatchObject({ action: 'create', announce: true });
    expect(decision!.members).toEqual([
      {
        incidentId: 'aws-0',
        vendorSlug: 'aws',
        role: 'upstream',
        evidence: [
          {
            kind: 'upstream-incident',
            upstream: 'aws',
            region: 'us-east-1',
            detail: "aws's own incident names us-east-1",
          },
        ],
        nearIncidentId: null,
        gapSeconds: null,
      },
      {
        incidentId: 'acme-3',
        vendorSlug: 'acme',
        role: 'dependent',
        evidence: [
          {
            kind: 'depends-on',
            upstream: 'aws',
            region: 'us-east-1',
            detail: 'the config says acme depends on aws:us-east-1',
          },
        ],
        nearIncidentId: 'aws-0',
        gapSeconds: 180,
      },
      {
        incidentId: 'beta-9',
        vendorSlug: 'beta',
        role: 'dependent',
        evidence: [
          {
            kind: 'names-upstream',
            upstream: 'aws',
            region: 'us-east-1',
            detail: 'its text names "AWS … us-east-1"',
          },
        ],
        nearIncidentId: 'acme-3',
        gapSeconds: 360,
      },
    ]);
  });

  it('an outage of history alone (every member backfilled) is not announced', () => {
    const [decision] = correlate({
      incidents: [
        incident('acme', 0, 'Cloudflare', { backfilled: true }),
        incident('beta', 1, 'Cloudflare', { backfilled: true }),
      ],
      outages: [],
      dependsOn: deps({}),
      windowSeconds: window,
    });
    expect(decision).toMatchObject({ action: 'create', announce: false });
  });

  it("uses the platform's own regions (Azure) for the upstream's incident", () => {
    const decisions = correlate({
      incidents: [
        incident('azure', 0, 'Virtual Machines degraded', { regions: ['East US 2'] }),
        incident('acme', 2, 'Slow dashboard'),
      ],
      outages: [],
      dependsOn: deps({ acme: ['azure:East US 2'] }),
      windowSeconds: window,
    });
    expect(decisions).toMatchObject([{ upstream: 'azure', region: 'east-us-2' }]);
  });
});

describe('upstreamMentions', () => {
  it.each([
    ['AWS us-east-1 is down', [['aws', 'us-east-1']]],
    [
      'errors in us-west-2 and eu-central-1',
      [
        ['aws', 'us-west-2'],
        ['aws', 'eu-central-1'],
      ],
    ],
    ['Amazon Web Services outage', []],
    ['Google Cloud us-central1 issue', [['google-cloud', 'us-central1']]],
    ['Microsoft Azure East US 2 outage', [['azure', 'east-us-2']]],
    ['customers in East US', []],
    ['Azure Front Door misconfiguration', [['azure', 'front-door']]],
    [
      'behind Cloudflare and Fastly',
      [
        ['cloudflare', null],
        ['fastly', null],
      ],
    ],
    ['cloudflared tunnel restarts', []],
    ['unrelated text', []],
  ])('%s', (text, expected) => {
    expect(upstreamMentions(text).map((m) => [m.upstream, m.region])).toEqual(expected);
  });
});

describe('parseDependency', () => {
  it.each([
    ['aws', { vendor: 'aws', region: null }],
    ['aws:us-east-1', { vendor: 'aws', region: 'us-east-1' }],
    ['azure:East US 2', { vendor: 'azure', region: 'east-us-2' }],
    ['AWS', null],
    ['aws:', null],
    ['aws: !', null],
  ])('%s', (value, expected) => {
    const parsed = parseDependency(value, 'catalog');
    expect(parsed === null ? null : { vendor: parsed.vendor, region: parsed.region }).toEqual(
      expected,
    );
  });
});
