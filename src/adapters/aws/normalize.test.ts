import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { fixturesRoot } from '../test-support/fixtures.js';
import { awsAdapter, awsEventsUrl } from './index.js';

const context = { statusPageUrl: 'https://health.aws.amazon.com/health/status' };
const legacy = readFixture('aws', 'data.legacy-shd.2022-07.archive-first19.json');
const utf16Bytes = readFileSync(join(fixturesRoot, 'aws', 'currentevents.docs-shape.utf16le.json'));
/** What the fetcher hands over: it honours the BOM. */
const current = new TextDecoder('utf-16le').decode(utf16Bytes.subarray(2));
const regional = readFixture('aws', 'currentevents.docs-shape.regional-140-services.json');

function parse(events: string | null): VendorSnapshot {
  const result = awsAdapter.parse({ events }, context);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('aws adapter: golden files', () => {
  it.each([
    ['data.legacy-shd.2022-07.archive-first19.json', legacy],
    ['currentevents.docs-shape.utf16le.json', current],
    ['currentevents.docs-shape.regional-140-services.json', regional],
  ])('%s matches its normalized golden file', (name, body) => {
    expectGolden('aws', name, parse(body));
  });
});

describe('aws adapter: legacy data.json', () => {
  const snapshot = parse(legacy);
  const byId = new Map(snapshot.incidents.map((incident) => [incident.sourceId, incident]));

  it('keys items by service and epoch start, strips [RESOLVED], and reads archive items as resolved', () => {
    expect(snapshot.incidents).toHaveLength(19);
    expect(byId.get('internetconnectivity-us-east-2-1624564393')).toMatchObject({
      title: 'Internet Connectivity',
      kind: 'incident',
      impact: 'notice',
      phase: 'resolved',
      startedAt: '2021-06-24T19:53:13.000Z',
      components: ['AWS Internet Connectivity (Ohio)'],
    });
    expect(snapshot.incidents.every((i) => i.phase === 'resolved')).toBe(true);
    expect(snapshot.listsAllOpen).toBe(true);
    expect(snapshot.components.every((c) => c.status === 'operational')).toBe(true);
    expect(snapshot.components.find((c) => c.id === 'ec2-us-east-2')!.name).toBe(
      'Amazon Elastic Compute Cloud (Ohio)',
    );
  });

  it('splits the HTML description into dated updates in Pacific time', () => {
    const tokyo = byId.get('cloudwatch-ap-northeast-1-1626280770')!;
    expect(tokyo.updates[0]).toMatchObject({
      phase: 'investigating',
      postedAt: '2021-07-14T16:39:00.000Z',
    });
    expect(tokyo.updates[0]!.bodyText).toMatch(/^AP-NORTHEAST-1 リージョンにおける/);
    expect(tokyo.updates.at(-1)!.phase).toBe('resolved');
    expect(tokyo.resolvedAt).toBe(tokyo.updates.at(-1)!.postedAt);
    const times = tokyo.updates.map((u) => u.postedAt);
    expect([...times].sort()).toEqual(times);
    expect(tokyo.title).toBe(
      'エラー率およびレイテンシーの上昇 | Increased Error rates and Latencies',
    );
  });

  it('maps status 3 to a critical impact', () => {
    expect(byId.get('certificatemanager-us-east-1-1624993969')!.impact).toBe('critical');
    expect(snapshot.incidents.find((i) => i.sourceId.startsWith('elb-us-west-2'))!.impact).toBe(
      'minor',
    );
  });
});

describe('aws adapter: currentevents', () => {
  it('reads the UTF-16 body, epoch seconds and impacted services', () => {
    const snapshot = parse(current);
    const [open, resolved] = snapshot.incidents;
    expect(open).toMatchObject({
      sourceId:
        'arn:aws:health:us-east-1::event/LAMBDA/AWS_LAMBDA_OPERATIONAL_ISSUE/AWS_LAMBDA_OPERATIONAL_ISSUE_7F3A2_514B1D2C9E0',
      impact: 'critical',
      phase: 'investigating',
      startedAt: '2024-07-01T15:00:00.000Z',
      resolvedAt: null,
      components: ['AWS Lambda (N. Virginia)', 'Amazon API Gateway (N. Virginia)'],
    });
    expect(open!.updates.map((u) => u.postedAt)).toEqual([
      '2024-07-01T15:00:00.000Z',
      '2024-07-01T15:30:00.000Z',
    ]);
    expect(resolved).toMatchObject({
      title: 'Instance connectivity',
      phase: 'resolved',
      impact: 'notice',
      resolvedAt: '2024-06-30T15:45:00.000Z',
    });
    expect(resolved!.updates.map((u) => u.phase)).toEqual(['investigating', 'resolved']);
    expect(snapshot.components.map((c) => [c.id, c.status])).toEqual([
      ['lambda:N. Virginia', 'major_outage'],
      ['apigateway:N. Virginia', 'degraded_performance'],
      ['ec2-eu-west-1', 'operational'],
    ]);
  });

  it('keeps every one of 140 impacted services of a regional event, recovered ones too', () => {
    const snapshot = parse(regional);
    const [event] = snapshot.incidents;
    expect(event!.components).toHaveLength(140);
    expect(snapshot.components).toHaveLength(140);
    const statuses = snapshot.components.map((c) => c.status);
    expect(statuses.filter((s) => s !== 'operational')).toHaveLength(135);
    expect(snapshot.components.map((c) => c.id)).toContain('svc140:N. Virginia');
    expect(snapshot.warnings).toEqual([]);
  });

  it('cuts impacted services only past thousands, and says so', () => {
    const impacted = Object.fromEntries(
      Array.from({ length: 6000 }, (_, i) => [`s${i}`, { service_name: `S${i}`, current: '2' }]),
    );
    const body = JSON.stringify([
      { arn: 'a1', date: '1719846000', status: '2', summary: 'x', impacted_services: impacted },
    ]);
    const snapshot = parse(body);
    expect(snapshot.components).toHaveLength(5000);
    expect(snapshot.warnings).toEqual([
      'event a1 impacted_services: kept the first 5000 of 6000 items',
    ]);
  });

  it('repairs a UTF-16 body that was decoded as UTF-8 without its BOM', () => {
    const naive = new TextDecoder('utf-8').decode(utf16Bytes);
    const snapshot = parse(naive);
    expect(snapshot.incidents).toHaveLength(2);
    expect(snapshot.warnings).toEqual([expect.stringContaining('UTF-16')]);
  });

  it('reads an empty array as all clear', () => {
    expect(parse('[]')).toMatchObject({ incidents: [], components: [], listsAllOpen: true });
  });

  it('polls currentevents for a page URL and a JSON URL as given', () => {
    expect(awsEventsUrl('https://health.aws.amazon.com/health/status')).toBe(
      'https://health.aws.amazon.com/public/currentevents',
    );
    expect(awsEventsUrl('https://status.aws.amazon.com/data.json')).toBe(
      'https://status.aws.amazon.com/data.json',
    );
  });
});

describe('aws adapter: hostile payloads', () => {
  it.each([
    ['HTML', '<html>AWS</html>'],
    ['an object of another shape', '{"events":[]}'],
    ['a number', '7'],
  ])('fails on %s', (_name, body) => {
    expect(awsAdapter.parse({ events: body }, context).ok).toBe(false);
  });

  it('skips events without ids or times and stops claiming completeness', () => {
    const body = JSON.stringify([
      { summary: 'no arn' },
      { arn: 'a1', date: 'yesterday', event_log: 'x' },
      {
        arn: 'a2',
        date: '1719846000',
        status: '9',
        summary: '<script>x</script>Odd',
        event_log: [
          { timestamp: 1719846000, message: '<img src=x onerror=alert(1)>hi', status: 'x' },
        ],
      },
    ]);
    const snapshot = parse(body);
    expect(snapshot.incidents.map((i) => [i.sourceId, i.impact, i.phase])).toEqual([
      ['a2', 'minor', 'investigating'],
    ]);
    expect(snapshot.incidents[0]!.updates[0]!.body).toBe('hi');
    expect(snapshot.listsAllOpen).toBe(false);
  });
});
