import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { instatusAdapter } from './index.js';

const context = { statusPageUrl: 'https://testing-widget.instatus.com' };
const summary = readFixture('instatus', 'summary.instatus-docs-example.2022-06.json');
const components = readFixture('instatus', 'v2-components.docs-shape.json');

function parse(bodies: Record<string, string | null>): VendorSnapshot {
  const result = instatusAdapter.parse(bodies, context);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('instatus adapter: golden files', () => {
  it.each([
    ['summary.instatus-docs-example.2022-06.json', { summary, components: null }],
    ['v2-components.docs-shape.json', { summary, components }],
  ])('%s matches its normalized golden file', (name, bodies) => {
    expectGolden('instatus', name, parse(bodies));
  });
});

describe('instatus adapter: quirks', () => {
  const snapshot = parse({ summary, components });

  it('reads Date.toString() dates and takes ids from the URLs', () => {
    const [incident, maintenance] = snapshot.incidents;
    expect(incident).toMatchObject({
      sourceId: 'cl4a8n3070721qtmzvts760c4',
      kind: 'incident',
      impact: 'critical',
      phase: 'investigating',
      startedAt: '2022-06-11T18:55:50.000Z',
      resolvedAt: null,
      sourceUrl: 'https://testing-widget.instatus.com/incident/cl4a8n3070721qtmzvts760c4',
      updates: [],
    });
    expect(maintenance).toMatchObject({
      sourceId: 'cl4a8nlv50918qtmzdlw60ivu',
      kind: 'maintenance',
      impact: 'maintenance',
      phase: 'scheduled',
      startedAt: '2022-06-11T18:55:54.000Z',
      scheduledFor: '2022-06-11T18:55:54.000Z',
      scheduledUntil: '2022-06-11T19:55:54.000Z',
    });
    expect(snapshot.listsAllOpen).toBe(true);
    expect(snapshot.pageName).toBe('Instatus');
  });

  it('maps component statuses and groups, MINOROUTAGE as a partial outage', () => {
    expect(snapshot.components.map((c) => [c.name, c.group, c.status])).toEqual([
      ['API', 'Platform', 'major_outage'],
      ['Dashboard', 'Platform', 'operational'],
      ['Database', null, 'under_maintenance'],
      ['Webhooks', null, 'partial_outage'],
    ]);
  });

  it('reads a healthy summary with no lists at all as nothing open', () => {
    const healthy = parse({
      summary: '{"page":{"name":"X","url":"https://x.instatus.com","status":"UP"}}',
      components: null,
    });
    expect(healthy.incidents).toEqual([]);
    expect(healthy.listsAllOpen).toBe(true);
    expect(healthy.warnings).toEqual([]);
  });

  it('accepts the documented bare array of parents with children', () => {
    const bare = JSON.stringify([
      {
        id: 'p1',
        name: 'Core',
        isParent: true,
        children: [{ id: 'c1', name: 'API', status: 'DEGRADEDPERFORMANCE' }],
      },
      { id: 'c2', name: 'Docs', status: 'OPERATIONAL' },
    ]);
    expect(parse({ summary, components: bare }).components).toEqual([
      { id: 'c1', name: 'API', group: 'Core', status: 'degraded_performance', position: 0 },
      { id: 'c2', name: 'Docs', group: null, status: 'operational', position: 1 },
    ]);
  });
});

describe('instatus adapter: maintenance windows', () => {
  const phaseAt = (body: string, observedAt: string) => {
    const result = instatusAdapter.parse(
      { summary: body, components: null },
      { ...context, observedAt },
    );
    if (!result.ok) throw new Error(result.error);
    return result.snapshot.incidents.find((incident) => incident.kind === 'maintenance')!.phase;
  };
  const unknownStatus = summary.replace('"NOTSTARTEDYET"', '"PAUSED_FOR_REVIEW"');

  it('an unknown status follows the window (start + duration) against the poll time', () => {
    expect(unknownStatus).not.toBe(summary);
    expect(phaseAt(unknownStatus, '2022-06-11T18:00:00.000Z')).toBe('scheduled');
    expect(phaseAt(unknownStatus, '2022-06-11T19:00:00.000Z')).toBe('in_progress');
    expect(phaseAt(unknownStatus, '2022-06-11T20:00:00.000Z')).toBe('completed');
  });

  it('a duration over a year leaves the end unknown, with a warning', () => {
    const result = instatusAdapter.parse(
      { summary: summary.replace('"duration": "60"', '"duration": "999999"'), components: null },
      context,
    );
    if (!result.ok) throw new Error(result.error);
    const maintenance = result.snapshot.incidents.find((i) => i.kind === 'maintenance')!;
    expect(maintenance.scheduledUntil).toBeNull();
    expect(result.snapshot.warnings.join('\n')).toMatch(/duration 999999 minutes is not usable/);
  });

  it('a stated NOTSTARTEDYET is kept past its start', () => {
    expect(phaseAt(summary, '2022-06-11T19:00:00.000Z')).toBe('scheduled');
  });
});

describe('instatus adapter: hostile payloads', () => {
  it.each([
    ['HTML 404 from Next.js', '<!DOCTYPE html><html><body>404</body></html>'],
    ['no page', '{"activeIncidents":[]}'],
    ['a string', '"x"'],
    ['nothing', null],
  ])('fails on %s', (_name, body) => {
    expect(instatusAdapter.parse({ summary: body, components: null }, context).ok).toBe(false);
  });

  it('keeps unknown enums conservative and skips undated items without claiming completeness', () => {
    const body = JSON.stringify({
      page: { name: 'X', status: 'PURPLE' },
      activeIncidents: [
        {
          id: 'a',
          name: 'A',
          started: '2024-01-01T00:00:00Z',
          status: 'KINDA',
          impact: 'CATASTROPHIC',
        },
        { id: 'b', name: 'B', started: 'Tomorrow', status: 'INVESTIGATING', impact: 'MAJOROUTAGE' },
        { id: 'c', name: '<script>x</script>', started: 1, url: 'javascript:alert(1)' },
      ],
      activeMaintenances: { wrong: true },
    });
    const result = parse({
      summary: body,
      components: '{"components":[{"id":"x","name":"X","status":"MELTING"},{"id":"x","name":"Y"}]}',
    });
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]).toMatchObject({ phase: 'investigating', impact: 'minor' });
    expect(result.listsAllOpen).toBe(false);
    expect(result.components).toEqual([
      { id: 'x', name: 'X', group: null, status: 'unknown', position: 0 },
    ]);
  });

  it('caps 10,000 active incidents at 500', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      id: `i${i}`,
      name: 'n',
      started: '2024-01-01T00:00:00Z',
      status: 'INVESTIGATING',
      impact: 'MAJOROUTAGE',
    }));
    const result = parse({
      summary: JSON.stringify({ page: { name: 'X' }, activeIncidents: many }),
      components: null,
    });
    expect(result.incidents).toHaveLength(500);
    expect(result.listsAllOpen).toBe(false);
  });
});
