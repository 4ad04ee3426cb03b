// Three vendors and two boards over them, stored through the real poll path, for the board tests:
// acme's trouble is on its API, which the payments board leaves out (it takes acme's Database,
// whose past maintenance it does show); the private ops board takes acme whole and gamma.
import type { Board } from '../../../domain/board.js';
import type { Store } from '../../../store/index.js';
import {
  addVendors,
  at,
  incident,
  poll,
  snapshot,
  update,
} from '../../../store/test-support/harness.js';

export const now = at(120);

/** An incident title carrying markup: pages must show it as text. */
export const hostileTitle = 'API errors <img src=x onerror="window.__xss=1"> & timeouts';

export const boards: Board[] = [
  {
    slug: 'payments',
    name: 'Payments',
    description: 'What checkout depends on',
    public: true,
    company: { name: 'Example Ltd', url: 'https://example.com/' },
    vendors: [
      { slug: 'acme', components: ['Database', 'Nope'] },
      { slug: 'beta', components: null },
    ],
  },
  {
    slug: 'ops',
    name: 'Operations',
    description: null,
    public: false,
    company: null,
    vendors: [
      { slug: 'acme', components: null },
      { slug: 'gamma', components: null },
    ],
  },
];

export async function seedBoards(store: Store): Promise<void> {
  await addVendors(store, ['acme', 'beta', 'gamma']);
  await poll(
    store,
    'acme',
    snapshot(
      [
        incident('open1', {
          title: hostileTitle,
          impact: 'major',
          components: ['API'],
          updates: [{ ...update('o-u1', 'investigating', at(60)), components: ['API'] }],
        }),
        incident('m-past', {
          title: 'Database upgrade',
          kind: 'maintenance',
          impact: 'maintenance',
          phase: 'completed',
          startedAt: at(-300),
          scheduledFor: at(-300),
          scheduledUntil: at(-240),
          resolvedAt: at(-240),
          components: ['Database'],
          updates: [
            { ...update('m-u1', 'scheduled', at(-400)), components: ['Database'] },
            update('m-u2', 'in_progress', at(-300)),
            update('m-u3', 'completed', at(-240)),
          ],
        }),
      ],
      [
        { id: 'api', name: 'API', group: 'Core', status: 'partial_outage', position: 0 },
        { id: 'db', name: 'Database', group: 'Core', status: 'operational', position: 1 },
      ],
    ),
    now,
  );
  await poll(
    store,
    'beta',
    snapshot([], [{ id: 'web', name: 'Web', group: null, status: 'operational', position: 0 }]),
    now,
  );
  await poll(
    store,
    'gamma',
    snapshot(
      [incident('g1', { impact: 'critical', components: ['Core'] })],
      [{ id: 'core', name: 'Core', group: null, status: 'major_outage', position: 0 }],
    ),
    now,
  );
}
