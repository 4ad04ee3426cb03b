// The scripted scenario of an upstream outage (issue 13 part 5): AWS (simulated) posts an incident
// in us-east-1; three vendors that run on it post theirs 3, 6 and 9 minutes apart, each with a
// different kind of evidence; an unrelated vendor posts one at the same time. Built as a timeline
// (timeline-schema.ts), so `vendorwatch simulate --scenario upstream-outage` and tests replay it.
// Vendor minutes are compressed by `minuteMs`; the times the pages claim stay real minutes apart.
import { parseTimeline } from '../timeline.js';
import type { Timeline } from '../timeline-schema.js';

export interface ScenarioOptions {
  /** Real milliseconds per vendor minute (60000 plays it in real time; tests use ~100). */
  minuteMs: number;
  /** Epoch ms the claimed times are laid out from (default: an hour before now, so all are past). */
  baseMs?: number;
}

interface Post {
  slug: string;
  name: string;
  /** Vendor minutes after the upstream's first post. */
  opensAt: number;
  resolvesAt: number;
  title: string;
  impact: 'minor' | 'major' | 'critical';
  first: string;
  resolved: string;
  component: string;
}

const posts: readonly Post[] = [
  {
    slug: 'aws',
    name: 'AWS (simulated)',
    opensAt: 0,
    resolvesAt: 40,
    title: 'Increased API error rates',
    impact: 'major',
    first: 'We are investigating increased API error rates and latencies in the US-EAST-1 Region.',
    resolved: 'Error rates in US-EAST-1 have returned to normal levels.',
    component: 'EC2 (N. Virginia)',
  },
  {
    slug: 'acme-pay',
    name: 'Acme Pay',
    opensAt: 3,
    resolvesAt: 42,
    title: 'Elevated payment errors',
    impact: 'major',
    first: 'We are investigating elevated errors when creating payments.',
    resolved: 'Payments are processing normally.',
    component: 'Payments API',
  },
  {
    slug: 'beta-mail',
    name: 'Beta Mail',
    opensAt: 9,
    resolvesAt: 44,
    title: 'Delayed email delivery',
    impact: 'minor',
    first: 'Our hosting provider AWS has an outage in us-east-1; email delivery is delayed.',
    resolved: 'Delayed emails have been delivered.',
    component: 'Email Delivery',
  },
  {
    slug: 'gamma-auth',
    name: 'Gamma Auth',
    opensAt: 18,
    resolvesAt: 46,
    title: 'Login failures',
    impact: 'critical',
    first: 'Some users cannot log in. We are investigating.',
    resolved: 'Logins work again.',
    component: 'Login',
  },
  {
    slug: 'delta-db',
    name: 'Delta DB',
    opensAt: 4,
    resolvesAt: 30,
    title: 'Database replication lag',
    impact: 'minor',
    first: 'Replication to read replicas is delayed after a schema migration.',
    resolved: 'Replication has caught up.',
    component: 'Read replicas',
  },
];

/**
 * What the watching vendorwatch must be told (config `dependsOn`) for the grouping the scenario
 * expects; Beta Mail's evidence is its text, AWS's is its own incident.
 */
export const upstreamOutageDependsOn: Readonly<Record<string, readonly string[]>> = {
  'acme-pay': ['aws:us-east-1'],
  'gamma-auth': ['aws'],
  'delta-db': ['cloudflare'],
};

/** The incidents the scenario's outage must hold, and the one it must leave out. */
export const upstreamOutageExpected = {
  upstream: 'aws',
  region: 'us-east-1',
  members: ['aws', 'acme-pay', 'beta-mail', 'gamma-auth'],
  unrelated: 'delta-db',
} as const;

/** The scenario's last change, in vendor minutes after its start. */
export const upstreamOutageMinutes = Math.max(...posts.map((post) => post.resolvesAt));

export function upstreamOutageTimeline(options: ScenarioOptions): Timeline {
  const base = options.baseMs ?? Date.now() - 3_600_000;
  const at = (minute: number): string => new Date(base + minute * 60_000).toISOString();
  const vendors = posts.map((post) => {
    const componentId = `${post.slug.replace(/-/g, '')}c1`;
    const incidentId = `${post.slug.replace(/-/g, '')}i1`;
    const opening = {
      id: `${incidentId}u1`,
      status: 'investigating',
      body: post.first,
      at: at(post.opensAt),
      affectedComponents: [
        { id: componentId, oldStatus: 'operational', newStatus: 'partial_outage' },
      ],
    };
    const incident = (resolved: boolean) => ({
      id: incidentId,
      name: post.title,
      status: resolved ? 'resolved' : 'investigating',
      impact: post.impact,
      components: [componentId],
      updates: resolved
        ? [
            opening,
            {
              id: `${incidentId}u2`,
              status: 'resolved',
              body: post.resolved,
              at: at(post.resolvesAt),
              affectedComponents: [
                { id: componentId, oldStatus: 'partial_outage', newStatus: 'operational' },
              ],
            },
          ]
        : [opening],
    });
    return {
      slug: post.slug,
      name: post.name,
      components: [
        { id: componentId, name: post.component },
        { id: `${componentId}x`, name: 'Dashboard' },
      ],
      steps: [
        { afterMs: 0, at: at(-30), incidents: [] },
        {
          afterMs: post.opensAt * options.minuteMs,
          at: at(post.opensAt),
          components: { [componentId]: 'partial_outage' },
          incidents: [incident(false)],
        },
        {
          afterMs: (post.resolvesAt - post.opensAt) * options.minuteMs,
          at: at(post.resolvesAt),
          incidents: [incident(true)],
        },
      ],
    };
  });
  return parseTimeline({ vendors }, 'the upstream-outage scenario');
}
