// Timelines that show each hygiene flag vendorwatch raises from what it sees (docs/contract.md
// #hygiene-flags): an incident left in monitoring, a start posted hours after it claims, an impact
// lowered after publication. Built against the clock at the moment they are asked for, so the
// times on the pages are real; each first serves an empty page for `leadMs`, giving a poller time
// to read it before anything happens (nothing is backdated on a first read).
import { parseTimeline } from './timeline.js';
import type { Timeline } from './timeline-schema.js';

export const hygieneScenarioNames = [
  'stuck-monitoring',
  'backdated-start',
  'impact-downgrade',
] as const;
export type HygieneScenarioName = (typeof hygieneScenarioNames)[number];

export interface HygieneScenarioOptions {
  /** Epoch ms the timeline is played from (now by default). */
  now?: number;
  /** How long the empty page is served before the first change (default 5 s). */
  leadMs?: number;
  /** Time between the scenario's later changes (default 5 s). */
  stepMs?: number;
}

const hour = 3_600_000;

interface Step {
  afterMs: number;
  incident: Record<string, unknown> | null;
}

/** One vendor, one component, an empty page first, then the scenario's steps. */
function vendorTimeline(slug: string, name: string, steps: Step[]): Timeline {
  return parseTimeline(
    {
      vendors: [
        {
          slug,
          name,
          components: [{ id: 'api', name: 'API' }],
          steps: steps.map((step) => ({
            afterMs: step.afterMs,
            incidents: step.incident ? [step.incident] : [],
            components: step.incident ? { api: 'degraded_performance' } : {},
          })),
        },
      ],
    },
    `hygiene scenario ${slug}`,
  );
}

export function hygieneScenario(
  name: HygieneScenarioName,
  options: HygieneScenarioOptions = {},
): Timeline {
  const now = options.now ?? Date.now();
  const lead = options.leadMs ?? 5000;
  const step = options.stepMs ?? 5000;
  const at = (ms: number) => new Date(ms).toISOString();
  const update = (id: string, status: string, ms: number, body: string) => ({
    id,
    status,
    body,
    at: at(ms),
  });
  const opened = update('u1', 'investigating', now + lead, 'We are looking into API errors.');
  switch (name) {
    case 'stuck-monitoring': {
      // Opens, moves to monitoring one step later, then nothing more: stuck after stuckAfter.
      const base = { id: 'stuck1', name: 'API errors', impact: 'major', components: ['api'] };
      const watching = update('u2', 'monitoring', now + lead + step, 'A fix is out; monitoring.');
      return vendorTimeline('hygiene-stuck', 'Hygiene: stuck in monitoring', [
        { afterMs: 0, incident: null },
        { afterMs: lead, incident: { ...base, status: 'investigating', updates: [opened] } },
        { afterMs: step, incident: { ...base, status: 'monitoring', updates: [opened, watching] } },
      ]);
    }
    case 'backdated-start':
      // Appears now, claiming to have started two hours ago, although the page had no incident.
      return vendorTimeline('hygiene-backdated', 'Hygiene: backdated start', [
        { afterMs: 0, incident: null },
        {
          afterMs: lead,
          incident: {
            id: 'late1',
            name: 'Delayed webhooks',
            status: 'investigating',
            impact: 'minor',
            components: ['api'],
            startedAt: at(now + lead - 2 * hour),
            updates: [opened],
          },
        },
      ]);
    case 'impact-downgrade': {
      // Published as critical, lowered to minor one step later.
      const base = { id: 'down1', name: 'Full API outage', components: ['api'] };
      const identified = update('u2', 'identified', now + lead + step, 'Cause identified.');
      return vendorTimeline('hygiene-downgrade', 'Hygiene: impact downgraded', [
        { afterMs: 0, incident: null },
        {
          afterMs: lead,
          incident: { ...base, status: 'investigating', impact: 'critical', updates: [opened] },
        },
        {
          afterMs: step,
          incident: {
            ...base,
            status: 'identified',
            impact: 'minor',
            updates: [opened, identified],
          },
        },
      ]);
    }
  }
}
