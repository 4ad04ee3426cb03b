// Incident and maintenance objects for the scripted fleet, with the wording real pages use, and
// the one helper that appends an update and moves the incident's status and timestamps with it.
import type { Rng } from './prng.js';
import type {
  SimAffectedComponent,
  SimComponent,
  SimImpact,
  SimIncident,
  SimStatus,
  SimUpdate,
} from '../adapters/sim-kit/types.js';

const incidentTitles = [
  'Elevated error rates for {c}',
  'Degraded performance of {c}',
  'Increased latency on {c}',
  '{c} unavailable',
  'Intermittent failures affecting {c}',
];

const bodies: Record<SimStatus, readonly string[]> = {
  investigating: [
    'We are investigating reports of errors affecting {c}.',
    "We're experiencing an elevated level of errors for {c} and are currently looking into the issue.",
    'We are continuing to investigate this issue.',
  ],
  identified: [
    'The issue has been identified and a fix is being implemented.',
    'We have identified the cause and are rolling out a fix for {c}.',
  ],
  monitoring: [
    'A fix has been implemented and we are monitoring the results.',
    'We are continuing to monitor for any further issues.',
  ],
  resolved: ['This incident has been resolved.', 'The issue with {c} has been resolved.'],
  postmortem: ['A root cause analysis for this incident is now available.'],
  scheduled: [
    'We will be performing scheduled maintenance on {c}. Short interruptions are possible.',
  ],
  in_progress: [
    'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
  ],
  verifying: ['Verification is currently underway for the maintenance items.'],
  completed: ['The scheduled maintenance has been completed.'],
};

export function componentList(components: readonly SimComponent[]): string {
  const names = components.map((c) => c.name);
  if (names.length <= 1) return names[0] ?? 'our services';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

function pickImpact(rng: Rng): Exclude<SimImpact, 'maintenance'> {
  const roll = rng.next();
  if (roll < 0.25) return 'none';
  if (roll < 0.65) return 'minor';
  if (roll < 0.9) return 'major';
  return 'critical';
}

/** A new incident or maintenance with no updates yet; addUpdate posts the first one. */
export function newIncident(
  rng: Rng,
  kind: SimIncident['kind'],
  components: readonly SimComponent[],
  at: number,
  impact: SimImpact = kind === 'maintenance' ? 'maintenance' : pickImpact(rng),
): SimIncident {
  const names = componentList(components);
  const name =
    kind === 'maintenance'
      ? `Scheduled maintenance of ${names}`
      : rng.pick(incidentTitles).replace('{c}', names);
  return {
    kind,
    id: rng.id(),
    name,
    status: kind === 'maintenance' ? 'scheduled' : 'investigating',
    impact,
    createdAt: at,
    updatedAt: at,
    startedAt: at,
    monitoringAt: null,
    resolvedAt: null,
    shortlink: `https://stspg.io/${rng.id()}`,
    componentIds: components.map((c) => c.id),
    updates: [],
    scheduledFor: null,
    scheduledUntil: null,
  };
}

export function addUpdate(
  rng: Rng,
  incident: SimIncident,
  status: SimStatus,
  at: number,
  affected: SimAffectedComponent[] | null,
  componentNames = 'the affected components',
): SimUpdate {
  const update: SimUpdate = {
    id: rng.id(),
    status,
    body: rng.pick(bodies[status]).replace('{c}', componentNames),
    createdAt: at,
    updatedAt: at,
    displayAt: at,
    affectedComponents: affected,
    deliverNotifications: true,
  };
  incident.updates.push(update);
  incident.status = status;
  incident.updatedAt = at;
  if ((status === 'monitoring' || status === 'verifying') && incident.monitoringAt === null) {
    incident.monitoringAt = at;
  }
  if (status === 'resolved' || status === 'completed') incident.resolvedAt = at;
  return update;
}
