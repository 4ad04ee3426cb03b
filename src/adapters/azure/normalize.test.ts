import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { expectGolden, readFixture } from '../parse-kit/test-support/golden.js';
import { azureAdapter, azureFeedUrl } from './index.js';

const context = { statusPageUrl: 'https://azure.status.microsoft/en-us/status/' };
const healthy = readFixture('azure', 'feed.docs-shape.healthy.xml');
const active = readFixture('azure', 'feed.docs-shape.active.xml');
const categories = readFixture('azure', 'feed.docs-shape.categories.xml');

function parse(feed: string | null): VendorSnapshot {
  const result = azureAdapter.parse({ feed }, context);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('azure adapter: golden files', () => {
  it.each([
    ['feed.docs-shape.healthy.xml', healthy],
    ['feed.docs-shape.active.xml', active],
    ['feed.docs-shape.categories.xml', categories],
  ])('%s matches its normalized golden file', (name, feed) => {
    expectGolden('azure', name, parse(feed));
  });
});

describe('azure adapter: categories', () => {
  const snapshot = parse(categories);
  const [regional, global] = snapshot.incidents;

  it('reads 14 service categories as components and the region apart', () => {
    expect(regional!.components).toHaveLength(14);
    expect(regional!.components).toContain('Azure Kubernetes Service');
    expect(regional!.components).not.toContain('East US 2');
    expect(regional!.regions).toEqual(['East US 2']);
    expect(global!.components).toEqual(['Azure Front Door', 'Azure CDN']);
    expect(global!.regions).toEqual(['Global']);
  });

  it('gives services named by an open item a degraded status, by a mitigated one operational', () => {
    const status = new Map(snapshot.components.map((c) => [c.name, c.status]));
    expect(snapshot.components).toHaveLength(16);
    expect(status.get('Virtual Machines')).toBe('degraded_performance');
    expect(status.get('Azure Front Door')).toBe('operational');
  });

  it('reads "Starting at approximately 14:44 UTC on …" and "Between … UTC and … UTC on …"', () => {
    expect(regional!.startedAt).toBe('2026-01-22T14:44:00.000Z');
    expect(global!.startedAt).toBe('2026-01-22T09:12:00.000Z');
  });

  it('tells regions from services by name and shape, and by a domain attribute', () => {
    const feed = (cats: string) =>
      `<rss version="2.0"><channel><title>Azure Status</title><item><guid>X1</guid><title>T</title>${cats}<description>d</description><pubDate>Thu, 22 Jan 2026 15:58:00 Z</pubDate></item></channel></rss>`;
    const [item] = parse(
      feed(
        '<category>Korea Central</category><category>US Gov Virginia</category>' +
          '<category>Azure Monitor</category><category>Network Infrastructure</category>' +
          '<category domain="region">Contoso Edge Zone</category>',
      ),
    ).incidents;
    expect(item!.regions).toEqual(['Korea Central', 'US Gov Virginia', 'Contoso Edge Zone']);
    expect(item!.components).toEqual(['Azure Monitor', 'Network Infrastructure']);
  });
});

describe('azure adapter', () => {
  it('reads a channel without items as healthy, and the list as complete', () => {
    expect(parse(healthy)).toMatchObject({
      incidents: [],
      components: [],
      listsAllOpen: true,
      warnings: [],
    });
  });

  it('reads items as open incidents with the start stated in the summary', () => {
    const [frontDoor, sql] = parse(active).incidents;
    expect(frontDoor).toMatchObject({
      sourceId: 'TN2X-4QZ',
      title: 'Azure Front Door – Multiple regions',
      kind: 'incident',
      impact: 'minor',
      phase: 'investigating',
      startedAt: '2026-08-05T23:40:00.000Z',
      resolvedAt: null,
      sourceUrl: 'https://azure.status.microsoft/en-us/status/history/?trackingId=TN2X-4QZ',
    });
    expect(frontDoor!.updates[0]!.bodyText).toContain('configuration change & monitoring');
    expect(sql).toMatchObject({
      phase: 'resolved',
      startedAt: '2026-08-05T18:10:00.000Z',
      resolvedAt: '2026-08-05T21:30:00.000Z',
      sourceUrl: null,
    });
    expect(sql!.sourceId).toMatch(/^h[0-9a-f]{20}$/);
  });

  it('keys an item without guid by its title, so a new pubDate is a new update, not a new incident', () => {
    const later = active.replace('Wed, 05 Aug 2026 21:30:00 Z', 'Wed, 05 Aug 2026 22:00:00 Z');
    const [before, after] = [parse(active).incidents[1]!, parse(later).incidents[1]!];
    expect(after.sourceId).toBe(before.sourceId);
    expect(after.updates[0]!.sourceId).not.toBe(before.updates[0]!.sourceId);
  });

  it('keeps the id of an item whose title gains a "Mitigated -" prefix', () => {
    const open = active.replace('Mitigated - Azure SQL', 'Azure SQL');
    expect(parse(open).incidents[1]!.sourceId).toBe(parse(active).incidents[1]!.sourceId);
    expect(parse(open).incidents[1]!.phase).toBe('investigating');
  });

  it('polls the feed for a page URL', () => {
    expect(azureFeedUrl('https://azure.status.microsoft/en-us/status/')).toBe(
      'https://azure.status.microsoft/en-us/status/feed/',
    );
    expect(azureFeedUrl('https://azure.status.microsoft/en-us/status/feed/')).toBe(
      'https://azure.status.microsoft/en-us/status/feed/',
    );
  });

  it.each([
    ['HTML', '<!doctype html><html>Azure</html>'],
    ['JSON', '{"status":"ok"}'],
    ['an empty body', ''],
    [
      'XXE',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title></item></channel></rss>',
    ],
  ])('fails on %s instead of reporting all clear', (_name, feed) => {
    expect(azureAdapter.parse({ feed }, context).ok).toBe(false);
  });

  it('skips undated items and stops claiming the list is complete', () => {
    const feed =
      '<rss><channel><title>Azure Status</title><item><title>x</title><description>&lt;script&gt;alert(1)&lt;/script&gt;y</description></item></channel></rss>';
    const snapshot = parse(feed);
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.listsAllOpen).toBe(false);
  });
});
