import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { herokuAdapter } from './index.js';

const context = { statusPageUrl: 'https://status.heroku.com' };
const incident = readFixture('heroku', 'current-status.2019-10-24.incident.json');
const maintenance = readFixture('heroku', 'current-status.2020-11-09.maintenance.json');
const recent = readFixture('heroku', 'incidents.docs-shape.json');

function parse(bodies: Record<string, string | null>): VendorSnapshot {
  const result = herokuAdapter.parse(bodies, context);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('heroku adapter: golden files', () => {
  it.each([
    ['current-status.2019-10-24.incident.json', { current: incident, incidents: null }],
    ['current-status.2020-11-09.maintenance.json', { current: maintenance, incidents: null }],
    ['incidents.docs-shape.json', { current: maintenance, incidents: recent }],
  ])('%s matches its normalized golden file', (name, bodies) => {
    expectGolden('heroku', name, parse(bodies));
  });
});

describe('heroku adapter: colour systems and quirks', () => {
  it('maps system colours: yellow degraded, blue under maintenance, green operational', () => {
    expect(
      parse({ current: incident, incidents: null }).components.map((c) => [c.id, c.status]),
    ).toEqual([
      ['apps', 'degraded_performance'],
      ['data', 'degraded_performance'],
      ['tools', 'degraded_performance'],
    ]);
    expect(
      parse({ current: maintenance, incidents: null }).components.map((c) => c.status),
    ).toEqual(['operational', 'under_maintenance', 'operational']);
  });

  it('orders updates oldest first, maps "issue" to identified and the worst colour to impact', () => {
    const open = parse({ current: incident, incidents: null }).incidents[0]!;
    expect(open).toMatchObject({
      sourceId: '1918',
      kind: 'incident',
      impact: 'minor',
      phase: 'identified',
      resolvedAt: null,
      sourceUrl: 'https://status.heroku.com/incidents/1918',
    });
    expect(open.updates.map((u) => [u.sourceId, u.phase])).toEqual([
      ['6090', 'investigating'],
      ['6091', 'identified'],
    ]);
    expect(open.updates[1]!.bodyText).not.toContain('\r');
  });

  it('reads scheduled[] as maintenance: scheduled → in progress → completed', () => {
    const window = parse({ current: maintenance, incidents: null }).incidents[0]!;
    expect(window).toMatchObject({
      sourceId: '2120',
      kind: 'maintenance',
      impact: 'maintenance',
      phase: 'completed',
      startedAt: '2020-11-09T19:01:10.522Z',
      resolvedAt: '2020-11-09T19:47:23.669Z',
    });
    expect(window.updates.map((u) => u.phase)).toEqual([
      'scheduled',
      'in_progress',
      'in_progress',
      'completed',
    ]);
  });

  it('trusts state over a resolved:false flag, keeps the phase through "update" steps, red is critical', () => {
    const resolved = parse({ current: maintenance, incidents: recent }).incidents.find(
      (i) => i.sourceId === '2250',
    )!;
    expect(resolved).toMatchObject({
      phase: 'resolved',
      impact: 'critical',
      resolvedAt: '2021-03-02T16:00:00.000Z',
      components: ['Apps'],
    });
    expect(resolved.updates.map((u) => u.phase)).toEqual([
      'investigating',
      'investigating',
      'monitoring',
      'resolved',
    ]);
  });
});

describe('heroku adapter: hostile payloads', () => {
  it.each([
    ['HTML', '<html>Heroku | Application Error</html>'],
    ['no status list', '{"incidents":[]}'],
    ['null', 'null'],
  ])('fails on %s', (_name, current) => {
    expect(herokuAdapter.parse({ current, incidents: null }, context).ok).toBe(false);
  });

  it('reads unknown colours and steps conservatively and skips broken items', () => {
    const current = JSON.stringify({
      status: [{ system: 'Apps', status: 'purple' }, { status: 'green' }],
      incidents: [
        {
          id: 1,
          title: 'x',
          state: 'open',
          created_at: '2020-01-01T00:00:00Z',
          updates: [
            {
              id: 1,
              created_at: '2020-01-01T00:00:00Z',
              update_type: 'weird',
              contents: '<script>x</script>ok',
              status_prod: 'ultraviolet',
            },
          ],
        },
        {
          id: 2,
          title: 'open but resolved update',
          state: 'open',
          created_at: '2020-01-01T00:00:00Z',
          updates: [
            {
              id: 5,
              created_at: '2020-01-01T01:00:00Z',
              update_type: 'resolved',
              contents: 'done',
            },
          ],
        },
        { title: 'no id' },
      ],
      scheduled: 'nope',
    });
    const snapshot = parse({ current, incidents: '<html>' });
    expect(snapshot.components).toEqual([
      { id: 'apps', name: 'Apps', group: null, status: 'unknown', position: 0 },
    ]);
    expect(snapshot.incidents.map((i) => [i.sourceId, i.impact, i.phase])).toEqual([
      ['1', 'minor', 'investigating'],
      ['2', 'minor', 'monitoring'],
    ]);
    expect(snapshot.incidents[0]!.updates[0]!.body).toBe('ok');
    expect(snapshot.listsAllOpen).toBe(false);
  });
});
