import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { feedUrl, rssAdapter } from './index.js';

const fixtures = [
  ['history.github.2025-07-07.atom', 'https://www.githubstatus.com'],
  ['history.statuspage-rss.docs-shape.xml', 'https://status.example.com'],
  ['feed.incidentio.docs-shape.atom', 'https://status.example.io/feed.atom'],
] as const;

function parseFixture(name: string, statusPageUrl: string): VendorSnapshot {
  const result = rssAdapter.parse({ feed: readFixture('rss', name) }, { statusPageUrl });
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('rss adapter: golden files', () => {
  it.each(fixtures)('%s matches its normalized golden file', (name, url) => {
    expectGolden('rss', name, parseFixture(name, url));
  });
});

describe('rss adapter: Statuspage history.atom (GitHub)', () => {
  const snapshot = parseFixture('history.github.2025-07-07.atom', 'https://www.githubstatus.com');
  const byId = new Map(snapshot.incidents.map((incident) => [incident.sourceId, incident]));

  it('reads every entry, keyed by the API code in the link, never the numeric Atom id', () => {
    expect(snapshot.incidents).toHaveLength(25);
    expect(byId.has('zltys99f2lgq')).toBe(true);
    expect(snapshot.incidents.some((incident) => /^\d+$/.test(incident.sourceId))).toBe(false);
    expect(snapshot.listsAllOpen).toBe(false);
    expect(snapshot.components).toEqual([]);
    expect(snapshot.pageName).toBe('GitHub Status - Incident History');
  });

  it('turns the escaped HTML timeline (newest first) into updates oldest first', () => {
    const incident = byId.get('zltys99f2lgq')!;
    expect(incident.updates.map((u) => [u.phase, u.postedAt])).toEqual([
      ['investigating', '2025-07-03T05:39:00.000Z'],
      ['investigating', '2025-07-03T05:45:00.000Z'],
      ['investigating', '2025-07-03T06:07:00.000Z'],
      ['investigating', '2025-07-03T06:46:00.000Z'],
      ['investigating', '2025-07-03T07:11:00.000Z'],
      ['resolved', '2025-07-03T07:12:00.000Z'],
    ]);
    expect(incident.updates[0]!.bodyText).toBe('We are currently investigating this issue.');
    expect(incident.updates.at(-1)!.bodyText).toMatch(/^On 7\/3\/2025, between 5:21:17 AM/);
    expect(incident.updates.at(-1)!.body).toContain('<br />');
    expect(incident).toMatchObject({
      kind: 'incident',
      impact: 'minor',
      phase: 'resolved',
      startedAt: '2025-07-03T05:39:00.000Z',
      resolvedAt: '2025-07-03T07:12:00.000Z',
      sourceUrl: 'https://www.githubstatus.com/incidents/zltys99f2lgq',
    });
  });

  it('classifies the Codespaces maintenance entries as maintenance with maintenance phases', () => {
    const maintenances = snapshot.incidents.filter((incident) => incident.kind === 'maintenance');
    expect(maintenances.map((m) => m.sourceId).sort()).toEqual(['67vdd3b7d1zq', 'nwjwwhj118sf']);
    const late = byId.get('nwjwwhj118sf')!;
    expect(late.title).toBe('Codespaces Scheduled Maintenance');
    expect(late.impact).toBe('maintenance');
    expect(late.phase).toBe('completed');
    expect(late.updates.map((u) => u.phase)).toEqual(['scheduled', 'in_progress', 'completed']);
    expect(late.startedAt).toBe('2025-05-29T21:30:00.000Z');
    expect(late.resolvedAt).toBe('2025-05-31T04:30:00.000Z');
    const early = byId.get('67vdd3b7d1zq')!;
    expect(early.updates[0]!.postedAt).toBe('2025-05-22T15:26:00.000Z');
  });

  it('keeps "Update" labels in the phase before them and no incident is left open', () => {
    for (const incident of snapshot.incidents) {
      expect(['resolved', 'completed']).toContain(incident.phase);
      expect(incident.resolvedAt).not.toBeNull();
      const times = incident.updates.map((u) => u.postedAt);
      expect([...times].sort()).toEqual(times);
    }
    expect(snapshot.warnings).toEqual([]);
  });

  it('is deterministic', () => {
    const again = parseFixture('history.github.2025-07-07.atom', 'https://www.githubstatus.com');
    expect(again).toEqual(snapshot);
  });
});

describe('rss adapter: RSS flavour and other feeds', () => {
  it('infers the year across New Year and converts PST', () => {
    const snapshot = parseFixture(
      'history.statuspage-rss.docs-shape.xml',
      'https://status.example.com',
    );
    const [incident, maintenance] = snapshot.incidents;
    expect(incident!.updates.map((u) => [u.phase, u.postedAt])).toEqual([
      ['identified', '2024-12-31T23:40:00.000Z'],
      ['resolved', '2025-01-01T00:20:00.000Z'],
    ]);
    expect(incident!.updates[0]!.bodyText).toBe(
      'The issue has been identified & a fix is being implemented.',
    );
    expect(maintenance).toMatchObject({
      sourceId: 'mnop5678qrst',
      kind: 'maintenance',
      phase: 'verifying',
      resolvedAt: null,
      startedAt: '2024-12-20T16:00:00.000Z',
    });
  });

  it('reads "Status: …" from incident.io-style content and hashes ids of link-less entries', () => {
    const snapshot = parseFixture(
      'feed.incidentio.docs-shape.atom',
      'https://status.example.io/feed.atom',
    );
    const [monitoring, resolved, note] = snapshot.incidents;
    expect(monitoring).toMatchObject({
      sourceId: '01JQ8Z3V6C2YB1P4ZK0W9N7TRA',
      phase: 'monitoring',
      resolvedAt: null,
    });
    expect(resolved).toMatchObject({ phase: 'resolved', resolvedAt: '2026-03-01T18:00:00.000Z' });
    expect(note!.sourceId).toMatch(/^h[0-9a-f]{20}$/);
    expect(note!.sourceUrl).toBeNull();
    expect(note!.updates[0]!.body).toBe('Plain text with a literal &lt;tag&gt; &amp; ampersand.');
    expect(note!.updates[0]!.bodyText).toBe('Plain text with a literal <tag> & ampersand.');
    expect(snapshot.warnings).toEqual([expect.stringContaining('states no phase')]);
  });
});

describe('feedUrl', () => {
  it.each([
    ['https://www.githubstatus.com', 'https://www.githubstatus.com/history.atom'],
    ['https://www.githubstatus.com/', 'https://www.githubstatus.com/history.atom'],
    ['https://status.example.io/feed.atom', 'https://status.example.io/feed.atom'],
    [
      'https://azure.status.microsoft/en-us/status/feed/',
      'https://azure.status.microsoft/en-us/status/feed/',
    ],
    ['https://example.com/history.rss?x=1', 'https://example.com/history.rss?x=1'],
  ])('%s → %s', (input, expected) => {
    expect(feedUrl(input)).toBe(expected);
    expect(rssAdapter.endpoints(input)).toEqual([{ key: 'feed', url: expected, required: true }]);
  });
});
