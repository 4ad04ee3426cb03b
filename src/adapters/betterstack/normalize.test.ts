import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { betterstackAdapter } from './index.js';

const context = { statusPageUrl: 'https://status.example.com' };
const index = readFixture('betterstack', 'index.docs-shape.json');

function parse(body: string | null): VendorSnapshot {
  const result = betterstackAdapter.parse({ index: body }, context);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('betterstack adapter', () => {
  const snapshot = parse(index);
  const byId = new Map(snapshot.incidents.map((incident) => [incident.sourceId, incident]));

  it('matches its normalized golden file', () => {
    expectGolden('betterstack', 'index.docs-shape.json', snapshot);
  });

  it('orders resources by section then position, groups them, skips not_monitored', () => {
    expect(snapshot.pageName).toBe('Example Co');
    expect(snapshot.components.map((c) => [c.id, c.name, c.group, c.status])).toEqual([
      ['202', 'API', 'Product', 'degraded_performance'],
      ['201', 'Website', 'Product', 'operational'],
      ['203', 'Database', 'Infrastructure', 'under_maintenance'],
    ]);
  });

  it('reads reports with their updates and affected resources per update', () => {
    expect(byId.get('9001')).toMatchObject({
      kind: 'incident',
      impact: 'minor',
      phase: 'investigating',
      resolvedAt: null,
      components: ['API'],
    });
    expect(byId.get('9001')!.updates.map((u) => [u.sourceId, u.components])).toEqual([
      ['70001', ['API']],
      ['70002', ['API']],
    ]);
  });

  it('trusts aggregate_state when ends_at is null on a resolved report', () => {
    expect(byId.get('9000')).toMatchObject({
      phase: 'resolved',
      impact: 'critical',
      resolvedAt: '2024-04-20T03:25:00.000Z',
    });
    expect(byId.get('9000')!.updates.map((u) => u.phase)).toEqual(['investigating', 'resolved']);
  });

  it('reads maintenance reports with their window', () => {
    expect(byId.get('9002')).toMatchObject({
      kind: 'maintenance',
      impact: 'maintenance',
      phase: 'in_progress',
      scheduledFor: '2024-05-02T10:00:00.000Z',
      scheduledUntil: '2024-05-02T12:00:00.000Z',
      components: ['Database'],
    });
    expect(snapshot.listsAllOpen).toBe(true);
  });

  describe('maintenance windows decide the phase of aggregate_state "maintenance"', () => {
    const upcoming = readFixture('betterstack', 'index.docs-shape.upcoming-maintenance.json');
    const phases = (observedAt?: string) => {
      const result = betterstackAdapter.parse(
        { index: upcoming },
        observedAt === undefined ? context : { ...context, observedAt },
      );
      if (!result.ok) throw new Error(result.error);
      return Object.fromEntries(result.snapshot.incidents.map((i) => [i.sourceId, i.phase]));
    };

    it("matches its normalized golden file (observed at the page's updated_at)", () => {
      const result = betterstackAdapter.parse({ index: upcoming }, context);
      if (!result.ok) throw new Error(result.error);
      expectGolden('betterstack', 'index.docs-shape.upcoming-maintenance.json', result.snapshot);
    });

    it('three days before its window: scheduled, not in progress', () => {
      expect(phases()['9101']).toBe('scheduled');
    });

    it('a window that has started is in progress, with or without an end', () => {
      expect(phases()['9102']).toBe('in_progress');
      expect(phases('2025-03-10T17:00:00.000Z')['9101']).toBe('in_progress');
      expect(phases('2025-04-30T00:00:00.000Z')['9102']).toBe('in_progress');
    });

    it('a window that has ended is completed', () => {
      expect(phases()['9103']).toBe('completed');
      expect(phases('2025-03-10T18:00:00.000Z')['9101']).toBe('completed');
    });

    it("the poll's observation time wins over the page's updated_at", () => {
      expect(phases('2025-03-06T22:30:00.000Z')).toMatchObject({
        '9101': 'scheduled',
        '9102': 'scheduled',
        '9103': 'in_progress',
      });
    });
  });

  it('fails on the HTML shell the page serves for any path, and on other JSON', () => {
    expect(betterstackAdapter.parse({ index: '<!doctype html><html></html>' }, context).ok).toBe(
      false,
    );
    expect(betterstackAdapter.parse({ index: '{"data":{"type":"monitor"}}' }, context).ok).toBe(
      false,
    );
  });

  it('keeps odd resources and reports from sinking the poll', () => {
    const body = JSON.stringify({
      data: { type: 'status_page', attributes: { company_name: 'X' } },
      included: [
        {
          id: 1,
          type: 'status_page_resource',
          attributes: { public_name: 'A', status: 'on_fire' },
        },
        { type: 'status_page_resource', attributes: { public_name: 'no id' } },
        { id: 2, type: 'status_report', attributes: { title: 'no time', report_type: 'manual' } },
        {
          id: 3,
          type: 'status_report',
          attributes: {
            title: '<script>x</script>',
            starts_at: '2024-01-01T00:00:00Z',
            aggregate_state: 'weird',
          },
        },
        'junk',
      ],
    });
    const odd = parse(body);
    expect(odd.components).toEqual([
      { id: '1', name: 'A', group: null, status: 'unknown', position: 0 },
    ]);
    expect(odd.incidents.map((i) => [i.sourceId, i.phase, i.impact])).toEqual([
      ['3', 'investigating', 'minor'],
    ]);
    expect(odd.listsAllOpen).toBe(false);
  });

  it('names index.json on the configured page', () => {
    expect(betterstackAdapter.endpoints('https://status.example.com/').map((e) => e.url)).toEqual([
      'https://status.example.com/index.json',
    ]);
  });
});
