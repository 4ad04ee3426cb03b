// Golden tests on real captures (test/fixtures/statuspage/SOURCES.md), then the quirks each shows.
// A capture is one endpoint's body; the other endpoints get empty valid bodies (statuspage-bodies).
// Regenerate goldens only on purpose: UPDATE_GOLDEN=1 npx vitest run <this file>, then review.
import { describe, expect, it } from 'vitest';
import type { ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { goldenPath, listFixtures, loadGolden } from '../test-support/fixtures.js';
import { statuspageBodies, statuspageUrlFor } from '../test-support/statuspage-bodies.js';
import { normalizeStatuspage } from './normalize.js';

const updateGolden = process.env['UPDATE_GOLDEN'] === '1';

function snapshotOf(fileName: string): VendorSnapshot {
  const result = normalizeStatuspage(statuspageBodies(fileName), {
    statusPageUrl: statuspageUrlFor(fileName),
  });
  if (!result.ok) throw new Error(`${fileName}: ${result.error}`);
  return result.snapshot;
}

function incident(fileName: string, sourceId: string): ObservedIncident {
  const found = snapshotOf(fileName).incidents.find((i) => i.sourceId === sourceId);
  if (!found) throw new Error(`${fileName} has no incident ${sourceId}`);
  return found;
}

describe('golden snapshots of real Statuspage captures', () => {
  const fixtures = listFixtures('statuspage');

  it('covers every capture in test/fixtures/statuspage', () => {
    expect(fixtures.length).toBe(11);
  });

  it.each(fixtures)('%s', (fileName) => {
    const actual = snapshotOf(fileName);
    const golden = loadGolden(goldenPath('statuspage', fileName), actual, updateGolden);
    expect(JSON.parse(JSON.stringify(actual))).toEqual(golden);
  });
});

describe('one postmortem, one timeline entry', () => {
  const file = 'incidents.docs-shape.postmortem-twice.json';

  it('a postmortem posted as an update and as postmortem_body is one entry', () => {
    const twice = incident(file, 'pm2xq7k1fbrs');
    expect(twice.updates.map((u) => [u.sourceId, u.phase])).toEqual([
      ['pmu1investgt', 'investigating'],
      ['pmu2monitorg', 'monitoring'],
      ['pmu3resolved', 'resolved'],
      ['pmu4postmrtm', 'postmortem'],
    ]);
    expect(twice.resolvedAt).toBe('2026-08-01T10:05:00.000Z');
  });

  it('a postmortem only in postmortem_body still becomes its entry', () => {
    const fieldOnly = incident(file, 'pmfieldonly1');
    expect(fieldOnly.updates.map((u) => [u.sourceId, u.phase])).toEqual([
      ['pmf1investgt', 'investigating'],
      ['pmf2resolved', 'resolved'],
      ['postmortem', 'postmortem'],
    ]);
  });
});

describe('quirks shown by the captures', () => {
  it('NYU: an open critical incident while the page indicator says none', () => {
    const nyu = 'summary.nyu-testpage.2026-05-12.critical-investigating-indicator-none.json';
    const open = incident(nyu, 'sk82ymspr1fd');
    expect(open).toMatchObject({ kind: 'incident', impact: 'critical', phase: 'investigating' });
    expect(open.resolvedAt).toBeNull();
    expect(snapshotOf(nyu).components.every((c) => c.status === 'operational')).toBe(true);
  });

  it('NYU: -04:00 times are converted to UTC instants', () => {
    const open = incident(
      'summary.nyu-testpage.2026-05-12.critical-investigating-indicator-none.json',
      'sk82ymspr1fd',
    );
    expect(open.startedAt).toBe('2026-05-13T02:22:48.770Z'); // 2026-05-12T22:22:48.770-04:00
    expect(open.updates[0]?.postedAt).toBe('2026-05-13T02:22:48.818Z');
  });

  describe('AnyDesk', () => {
    const anydesk = 'summary.anydesk.2024-01-31.group-maintenance-incident.json';

    it('drops the group row, names children by their group, orders by (group, own) position', () => {
      const components = snapshotOf(anydesk).components;
      expect(components.map((c) => c.id)).not.toContain('7rjfqpg0vsy3');
      expect(components.map((c) => [c.name, c.group, c.position])).toEqual([
        ['Africa', 'AnyDesk Global Network', 0],
        ['Americas', 'AnyDesk Global Network', 1],
        ['Asia', 'AnyDesk Global Network', 2],
        ['Australia', 'AnyDesk Global Network', 3],
        ['Europe', 'AnyDesk Global Network', 4],
        ['Customer Portal', null, 5],
        ['Online shop', null, 6],
        ['REST API', null, 7],
        ['Web pages', null, 8],
      ]);
      expect(components.find((c) => c.name === 'Customer Portal')?.status).toBe(
        'under_maintenance',
      );
    });

    it('reads a maintenance posted as an incident as a maintenance in progress', () => {
      const item = incident(anydesk, 'j6yts7sfdrsw');
      expect(item).toMatchObject({
        kind: 'maintenance',
        impact: 'maintenance',
        phase: 'in_progress',
        resolvedAt: null,
        components: ['Customer Portal'],
        scheduledFor: null,
      });
      expect(item.updates.map((u) => u.phase)).toEqual([
        'in_progress',
        'in_progress',
        'in_progress',
      ]);
    });

    it('uses display_at even when it is earlier than created_at', () => {
      const first = incident(anydesk, 'j6yts7sfdrsw').updates[0];
      // created_at 2024-01-29T14:53:30.516Z, display_at 14:53:30.000Z
      expect(first).toMatchObject({
        sourceId: 'n1y600t5ts78',
        postedAt: '2024-01-29T14:53:30.000Z',
      });
    });
  });

  describe('Claude maintenances', () => {
    const claude = 'scheduled-maintenances.claude.2026-09-15.json';

    it('keeps the whole lifecycle scheduled → in_progress → verifying → completed', () => {
      const item = incident(claude, 'x017628t2rl5');
      expect(item.updates.map((u) => u.phase)).toEqual([
        'scheduled',
        'in_progress',
        'verifying',
        'completed',
      ]);
      expect(item).toMatchObject({
        kind: 'maintenance',
        impact: 'maintenance',
        phase: 'completed',
        startedAt: '2025-08-29T01:25:00.000Z',
        resolvedAt: '2025-08-29T02:40:21.277Z',
        scheduledFor: '2025-08-29T01:25:00.000Z',
        scheduledUntil: '2025-08-29T02:40:00.000Z',
      });
    });

    it('names a renamed component by its current name, once', () => {
      const item = incident(claude, '16z0qdmy3qv2');
      expect(item.components).toEqual(['claude.ai', 'Claude Console (platform.claude.com)']);
      // An update keeps the name it was posted with.
      expect(item.updates[0]?.components).toEqual(['claude.ai', 'console.anthropic.com']);
    });
  });

  describe('GitHub', () => {
    const actions = 'incident.github.2026-07-20.actions-critical.json';

    it('sorts newest-first updates oldest first', () => {
      const updates = incident(actions, '8vfyvq16hzh9').updates;
      expect(updates).toHaveLength(18);
      expect(updates[0]?.sourceId).toBe('974bbl8pthmp');
      expect(updates.at(-1)).toMatchObject({ sourceId: 'nkwym3dbqyqv', phase: 'resolved' });
      const times = updates.map((u) => u.postedAt);
      expect([...times].sort()).toEqual(times);
    });

    it('keeps <br /> as safe HTML and turns it into line breaks in bodyText', () => {
      const update = incident(actions, '8vfyvq16hzh9').updates.find(
        (u) => u.sourceId === '897s2c9t0k1p',
      );
      expect(update?.body).toContain('other services.<br /><br />A separate incident');
      expect(update?.bodyText).toContain('other services.\n\nA separate incident');
      expect(update?.bodyText).not.toContain('<br');
    });

    it('unions incident components with every update’s affected components', () => {
      expect(incident(actions, '8vfyvq16hzh9').components).toEqual([
        'API Requests',
        'Issues',
        'Actions',
        'Pages',
      ]);
    });

    it('orders an incident’s components by the page’s component order', () => {
      const item = incident('summary.github.2022-11-25.unresolved.json', 'ljwdk6qml8z8');
      expect(item.components).toEqual(['Packages', 'Pages']);
      expect(item.updates.find((u) => u.sourceId === '8fnd7wsp5v36')?.components).toBeNull();
    });

    it('maps impact none to notice, and never lets a backdated incident end before it starts', () => {
      const backdated = incident('incidents.github.2026-07-31.first13.json', '594m87r8sw13');
      expect(backdated).toMatchObject({
        impact: 'notice',
        phase: 'resolved',
        startedAt: '2026-07-24T11:00:00.000Z', // started_at 15:56 is after resolved_at 11:00
        resolvedAt: '2026-07-24T11:00:00.000Z',
        components: [],
      });
      expect(snapshotOf('incidents.github.2026-07-31.first13.json').warnings).toEqual([
        'incident 594m87r8sw13: starts after it ends, used an earlier start',
      ]);
    });

    it('links each incident on the page’s own origin', () => {
      expect(incident(actions, '8vfyvq16hzh9').sourceUrl).toBe(
        'https://www.githubstatus.com/incidents/8vfyvq16hzh9',
      );
    });
  });

  it('legacy 2014 payload: no group, started_at or affected_components, still complete', () => {
    const snapshot = snapshotOf('summary.atlassian-docs-example.2014.json');
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.incidents.map((i) => [i.sourceId, i.kind, i.phase, i.startedAt])).toEqual([
      ['w1zdr745wmfy', 'maintenance', 'scheduled', '2014-05-18T04:00:00.000Z'],
      ['k7mf5z1gz05c', 'maintenance', 'in_progress', '2014-05-14T20:30:00.000Z'],
      ['cp306tmzcl0y', 'incident', 'identified', '2014-05-14T20:22:39.441Z'],
    ]);
  });
});
