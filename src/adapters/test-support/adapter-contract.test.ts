// The contract suite must be able to fail: a naive adapter and a sloppy snapshot are caught.
import { describe, expect, it } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import type { PlatformAdapter } from '../types.js';
import { mutationFailures } from './adapter-contract.js';
import { mutateBodies, seededRandom } from './mutate.js';
import { snapshotViolations } from './snapshot-invariants.js';

const bodies = {
  summary: JSON.stringify({
    page: { name: 'Example' },
    components: [{ id: 'a1', name: 'API', status: 'operational' }],
  }),
};

/** Trusts the wire: throws on the first missing field and passes enums through. */
const naiveAdapter: PlatformAdapter = {
  platform: 'statuspage',
  endpoints: () => [{ key: 'summary', url: 'https://status.example.test/s.json', required: true }],
  parse: (input) => {
    const json = JSON.parse(input['summary'] ?? '') as {
      page: { name: string };
      components: Array<{ id: string; name: string; status: string }>;
    };
    const components = json.components.map((c, position) => ({
      id: c.id,
      name: c.name.trim(),
      group: null,
      status: c.status as VendorSnapshot['components'][number]['status'],
      position,
    }));
    return {
      ok: true,
      snapshot: {
        platform: 'statuspage',
        pageName: json.page.name,
        components,
        incidents: [],
        listsAllOpen: true,
        warnings: [],
      },
    };
  },
};

describe('adapter contract', () => {
  it('catches an adapter that throws or leaks unknown values under mutation', () => {
    const failures = mutationFailures(
      naiveAdapter,
      bodies,
      { statusPageUrl: 'https://status.example.test' },
      { count: 200, random: seededRandom(1) },
    );
    expect(failures.length).toBeGreaterThan(0);
  });

  it('mutates reproducibly from a seed', () => {
    const a = mutateBodies(bodies, seededRandom(7));
    const b = mutateBodies(bodies, seededRandom(7));
    expect(a).toEqual(b);
  });

  it('reports snapshots that break the vocabulary, time format, order or open/closed rule', () => {
    const update = {
      sourceId: 'u',
      phase: 'resolved',
      body: '<script>x</script>',
      bodyText: '',
      postedAt: '2024-01-01T00:00:00Z',
      components: null,
    };
    const snapshot = {
      platform: 'statuspage',
      pageName: null,
      components: [{ id: 'c', name: 'C', group: null, status: 'fine', position: 0 }],
      incidents: [
        {
          sourceId: 'i',
          title: 'T',
          kind: 'maintenance',
          impact: 'catastrophic',
          phase: 'resolved',
          startedAt: '2024-01-02T00:00:00.000Z',
          resolvedAt: null,
          sourceUrl: 'javascript:alert(1)',
          components: [],
          updates: [update],
          scheduledFor: null,
          scheduledUntil: null,
        },
      ],
      listsAllOpen: true,
      warnings: [],
    } as unknown as VendorSnapshot;
    const violations = snapshotViolations(snapshot).join('\n');
    for (const expected of [
      'status fine',
      'impact catastrophic',
      'phase resolved fits kind maintenance',
      'resolvedAt is set exactly when closed',
      'sourceUrl',
      'postedAt is UTC ISO',
      'executable markup',
    ]) {
      expect(violations).toContain(expected);
    }
  });
});
