// The scripted scenario of issue 12: a vendor's own API starts failing a set lead time before the
// vendor posts its incident (probes should see it first, and the incident then records the
// posting lag); a second vendor's API fails and recovers without any incident (the suspicion
// clears); a third stays healthy. Each vendor's API is GET /api/health on its simulated host.
// Unlike upstream-outage, the times the pages claim follow the replay's real clock (base + the
// scaled offsets), so a posting lag measured against the probes equals the scripted lead.
import { parseTimeline } from '../timeline.js';
import type { Timeline } from '../timeline-schema.js';

export interface SuspectedOutageOptions {
  /** Real milliseconds per vendor minute (60000 plays it in real time). */
  minuteMs: number;
  /** Epoch ms the replay starts at (default now): the claimed times are laid out from it. */
  baseMs?: number;
  /** Vendor minutes of healthy baseline before the APIs fail (default 1). */
  failAfterMinutes?: number;
  /** Vendor minutes between the API failing and the vendor's first post (default 11). */
  leadMinutes?: number;
  /** Vendor minutes the second vendor's API stays down before it recovers unannounced (default 3). */
  blipMinutes?: number;
}

/** The vendors' roles, for tests and the CLI's advice. */
export const suspectedOutageVendors = {
  posts: 'nimbus',
  recovers: 'quartz-pay',
  healthy: 'orbit-mail',
} as const;

export function suspectedOutageTimeline(options: SuspectedOutageOptions): Timeline {
  const base = options.baseMs ?? Date.now();
  const minute = options.minuteMs;
  const failAfter = options.failAfterMinutes ?? 1;
  const lead = options.leadMinutes ?? 11;
  const blip = options.blipMinutes ?? 3;
  const at = (minutes: number): string => new Date(base + minutes * minute).toISOString();
  const opening = {
    id: 'nimbusi1u1',
    status: 'investigating',
    body: 'We are investigating elevated error rates on the Nimbus API.',
    at: at(failAfter + lead),
    affectedComponents: [{ id: 'nimbusc1', oldStatus: 'operational', newStatus: 'major_outage' }],
  };
  const incident = (resolved: boolean) => ({
    id: 'nimbusi1',
    name: 'Elevated API error rates',
    status: resolved ? 'resolved' : 'investigating',
    impact: 'major',
    components: ['nimbusc1'],
    updates: resolved
      ? [
          opening,
          {
            id: 'nimbusi1u2',
            status: 'resolved',
            body: 'Error rates are back to normal.',
            at: at(failAfter + lead + 5),
            affectedComponents: [
              { id: 'nimbusc1', oldStatus: 'major_outage', newStatus: 'operational' },
            ],
          },
        ]
      : [opening],
  });
  const vendors = [
    {
      slug: suspectedOutageVendors.posts,
      name: 'Nimbus',
      components: [
        { id: 'nimbusc1', name: 'API' },
        { id: 'nimbusc2', name: 'Dashboard' },
      ],
      steps: [
        { afterMs: 0, at: at(0), incidents: [] },
        { afterMs: failAfter * minute, at: at(failAfter), api: 'down' },
        {
          afterMs: lead * minute,
          at: at(failAfter + lead),
          components: { nimbusc1: 'major_outage' },
          incidents: [incident(false)],
          api: 'down',
        },
        { afterMs: 5 * minute, at: at(failAfter + lead + 5), incidents: [incident(true)] },
      ],
    },
    {
      slug: suspectedOutageVendors.recovers,
      name: 'Quartz Pay',
      components: [{ id: 'quartzc1', name: 'Payments API' }],
      steps: [
        { afterMs: 0, at: at(0) },
        { afterMs: failAfter * minute, at: at(failAfter), api: 'down' },
        { afterMs: blip * minute, at: at(failAfter + blip) },
      ],
    },
    {
      slug: suspectedOutageVendors.healthy,
      name: 'Orbit Mail',
      components: [{ id: 'orbitc1', name: 'Email Delivery' }],
      steps: [{ afterMs: 0, at: at(0) }],
    },
  ];
  return parseTimeline({ vendors }, 'the suspected-outage scenario');
}
