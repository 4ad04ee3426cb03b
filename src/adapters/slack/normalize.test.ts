import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { slackAdapter } from './index.js';

const context = { statusPageUrl: 'https://status.slack.com' };
const current = readFixture('slack', 'current.2020-07-30.incident.json');
const history = readFixture('slack', 'history.docs-shape.json');
const summaries = readFixture('slack', 'history.docs-shape.issue-summary.json');

function parse(bodies: Record<string, string | null>): VendorSnapshot {
  const result = slackAdapter.parse(bodies, context);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('slack adapter: golden files', () => {
  it.each([
    ['current.2020-07-30.incident.json', { current, history: null }],
    ['history.docs-shape.json', { current, history }],
    ['history.docs-shape.issue-summary.json', { current, history: summaries }],
  ])('%s matches its normalized golden file', (name, bodies) => {
    expectGolden('slack', name, parse(bodies));
  });
});

describe('slack adapter: quirks', () => {
  it('unescapes PHP slashes and converts -07:00 offsets; integer ids become strings', () => {
    const snapshot = parse({ current, history: null });
    const [first, second] = snapshot.incidents;
    expect(first).toMatchObject({
      sourceId: '878',
      sourceUrl: 'https://status.slack.com/2020-07/ea58a170d343b2ad',
      startedAt: '2020-07-30T22:12:34.000Z',
      kind: 'incident',
      impact: 'minor',
      phase: 'investigating',
      resolvedAt: null,
      components: ['Notifications'],
    });
    expect(second!.components).toEqual(['Apps/Integrations/APIs']);
    expect(snapshot.components).toEqual([
      {
        id: 'apps-integrations-apis',
        name: 'Apps/Integrations/APIs',
        group: null,
        status: 'degraded_performance',
        position: 0,
      },
      {
        id: 'notifications',
        name: 'Notifications',
        group: null,
        status: 'degraded_performance',
        position: 1,
      },
    ]);
    expect(snapshot.listsAllOpen).toBe(true);
  });

  it('reads a later "Technical Summary" note as the postmortem of a resolved outage', () => {
    const outage = parse({ current, history }).incidents.find((i) => i.sourceId === '870')!;
    expect(outage).toMatchObject({
      impact: 'critical',
      phase: 'postmortem',
      startedAt: '2020-07-22T13:05:00.000Z',
      resolvedAt: '2020-07-22T14:45:00.000Z',
      components: ['Messaging', 'Connectivity'],
    });
    expect(outage.updates.map((u) => u.phase)).toEqual(['investigating', 'resolved', 'postmortem']);
    expect(outage.updates[0]!.body).toBe("Some users can't send messages. We're <b>on it</b>.");
    expect(outage.updates[2]!.bodyText).toMatch(/^Technical Summary:\nOn July 22nd/);
  });

  describe('summary notes written after the resolution', () => {
    const byId = new Map(
      parse({ current, history: summaries }).incidents.map((i) => [i.sourceId, i]),
    );

    it('"Issue Summary:" three days later is the postmortem; resolvedAt stays at the fix', () => {
      expect(byId.get('1302')).toMatchObject({
        phase: 'postmortem',
        resolvedAt: '2023-07-13T18:15:00.000Z',
      });
      expect(byId.get('1302')!.updates.map((u) => u.phase)).toEqual([
        'investigating',
        'resolved',
        'postmortem',
      ]);
    });

    it('"Incident summary - <date>" two weeks later is the postmortem too', () => {
      expect(byId.get('1288')).toMatchObject({
        phase: 'postmortem',
        resolvedAt: '2023-06-26T15:05:00.000Z',
      });
    });

    it('a resolution that mentions the root cause stays the resolution', () => {
      expect(byId.get('1275')).toMatchObject({
        phase: 'resolved',
        resolvedAt: '2023-06-12T20:10:00.000Z',
      });
      expect(byId.get('1275')!.updates.map((u) => u.phase)).toEqual(['investigating', 'resolved']);
    });

    it('a bare "Summary:" note that itself resolves, after no resolution, is the resolution', () => {
      expect(byId.get('1261')).toMatchObject({
        phase: 'resolved',
        resolvedAt: '2023-05-30T15:40:00.000Z',
      });
    });

    it('a postmortem never moves resolvedAt later than the resolving note', () => {
      for (const id of ['1302', '1288', '1275', '1261']) {
        const incident = byId.get(id)!;
        const resolving = incident.updates.findLast((u) => u.phase === 'resolved');
        expect(incident.resolvedAt).toBe(resolving!.postedAt);
      }
    });
  });

  it('reads maintenance items, cancelled as completed, and notices as notice impact', () => {
    const byId = new Map(parse({ current, history }).incidents.map((i) => [i.sourceId, i]));
    expect(byId.get('865')).toMatchObject({
      kind: 'maintenance',
      impact: 'maintenance',
      phase: 'completed',
      resolvedAt: '2020-07-19T05:00:00.000Z',
    });
    expect(byId.get('865')!.updates.map((u) => u.phase)).toEqual(['scheduled', 'completed']);
    expect(byId.get('860')).toMatchObject({ kind: 'maintenance', phase: 'completed' });
    expect(byId.get('855')).toMatchObject({
      kind: 'incident',
      impact: 'notice',
      phase: 'resolved',
    });
    expect(byId.get('878')!.updates).toHaveLength(1);
  });

  it('reads an "ok" page as no open incidents', () => {
    const ok = parse({
      current: '{"status":"ok","active_incidents":[],"date_created":"2018-09-07T18:34:15-07:00"}',
      history: null,
    });
    expect(ok).toMatchObject({ incidents: [], components: [], listsAllOpen: true, warnings: [] });
  });

  it('derives endpoints from the configured page, also from a pasted API URL', () => {
    expect(
      slackAdapter.endpoints('https://slack-status.com/api/v2.0.0/current').map((e) => e.url),
    ).toEqual([
      'https://slack-status.com/api/v2.0.0/current',
      'https://slack-status.com/api/v2.0.0/history',
    ]);
  });
});

describe('slack adapter: hostile payloads', () => {
  it.each([
    ['HTML', '<html>Slack is down</html>'],
    ['an array', '[]'],
    ['no status', '{"active_incidents":[]}'],
  ])('fails on %s', (_name, body) => {
    expect(slackAdapter.parse({ current: body, history: null }, context).ok).toBe(false);
  });

  it('reads unknown types and statuses conservatively and skips broken items', () => {
    const body = JSON.stringify({
      status: 'active',
      active_incidents: [
        {
          id: 1,
          title: 'a',
          type: 'meltdown',
          status: 'weird',
          date_created: '2020-01-01T00:00:00-07:00',
          services: ['X'],
          notes: 'x',
        },
        { id: 2, title: 'no date', type: 'incident', status: 'active' },
        { title: 'no id' },
        {
          id: 3,
          title: '<script>x</script>',
          type: 'incident',
          status: 'active',
          date_created: '2020-01-01T00:00:00Z',
          url: 'javascript:alert(1)',
          notes: [{ date_created: '2020-01-01T00:00:00Z', body: '<img src=x onerror=alert(1)>hi' }],
        },
      ],
    });
    const snapshot = parse({ current: body, history: '<html>' });
    expect(snapshot.incidents.map((i) => [i.sourceId, i.impact, i.phase])).toEqual([
      ['1', 'minor', 'investigating'],
      ['3', 'minor', 'investigating'],
    ]);
    expect(snapshot.incidents[1]!.sourceUrl).toBeNull();
    expect(snapshot.incidents[1]!.updates[0]!.body).toBe('hi');
    expect(snapshot.components.find((c) => c.name === 'X')!.status).toBe('unknown');
    expect(snapshot.listsAllOpen).toBe(false);
  });
});
