// A Statuspage vendor `acme` (API, Dashboard, Builder) whose one minor incident starts on API and
// Dashboard, clears Dashboard, goes on for API only and resolves: the story the notification
// filter tests (by component, by board, by impact) tell, one step every `stepMs`.
import type { Timeline } from '../../src/simulate/timeline-schema.js';
import { parseTimeline } from '../../src/simulate/timeline.js';

const day = '2025-10-01T';
const affected = (id: string, oldStatus: string, newStatus: string) => ({
  id,
  oldStatus,
  newStatus,
});
const updates = [
  {
    id: 'u1',
    status: 'investigating',
    at: `${day}10:00:00Z`,
    body: 'API and Dashboard are slow.',
    affectedComponents: [
      affected('api', 'operational', 'degraded_performance'),
      affected('dash', 'operational', 'degraded_performance'),
    ],
  },
  {
    id: 'u2',
    status: 'identified',
    at: `${day}10:10:00Z`,
    body: 'Dashboard has recovered.',
    affectedComponents: [affected('dash', 'degraded_performance', 'operational')],
  },
  {
    id: 'u3',
    status: 'monitoring',
    at: `${day}10:20:00Z`,
    body: 'API fix deployed.',
    affectedComponents: [affected('api', 'degraded_performance', 'degraded_performance')],
  },
  {
    id: 'u4',
    status: 'resolved',
    at: `${day}10:30:00Z`,
    body: 'API has recovered.',
    affectedComponents: [affected('api', 'degraded_performance', 'operational')],
  },
];
const stepStatus = ['investigating', 'identified', 'monitoring', 'resolved'];
export function splitIncidentTimeline(stepMs: number): Timeline {
  return parseTimeline({
    vendors: [
      {
        slug: 'acme',
        name: 'Acme',
        components: [
          { id: 'api', name: 'API' },
          { id: 'dash', name: 'Dashboard' },
          { id: 'build', name: 'Builder' },
        ],
        steps: [
          { afterMs: 0, components: {}, incidents: [] },
          ...stepStatus.map((status, index) => ({
            afterMs: stepMs,
            components: {
              api: index < 3 ? 'degraded_performance' : 'operational',
              ...(index === 0 ? { dash: 'degraded_performance' } : {}),
            },
            incidents: [
              {
                id: 'inc1',
                name: 'Slow requests',
                status,
                impact: 'minor',
                components: ['api', 'dash'],
                updates: updates.slice(0, index + 1),
                ...(status === 'resolved' ? { resolvedAt: `${day}10:30:00Z` } : {}),
              },
            ],
          })),
        ],
      },
    ],
  });
}
