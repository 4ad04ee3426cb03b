// Generates the scripted fleet: names, components (one vendor in five has a group) and a little
// resolved history, so pollers see backfill on their first poll as they would on a real page.
import { createRng, deriveSeed, type Rng } from './prng.js';
import { addUpdate, componentList, newIncident } from './scripted-text.js';
import type {
  SimAffectedComponent,
  SimComponent,
  SimComponentStatus,
  SimVendorIdentity,
  SimVendorState,
} from '../adapters/sim-kit/types.js';

const namePrefixes = [
  'Nimbus',
  'Acme',
  'Strato',
  'Vertex',
  'Quanta',
  'Helio',
  'Orbit',
  'Cobalt',
  'Lumen',
  'Parcel',
  'Relay',
  'Beacon',
  'Atlas',
  'Kite',
  'Tandem',
  'Harbor',
  'Pivot',
  'Signal',
  'Zephyr',
  'Mosaic',
];
const nameSuffixes = [
  'Cloud',
  'Pay',
  'Mail',
  'CDN',
  'Auth',
  'DB',
  'Queue',
  'Search',
  'Deploy',
  'Metrics',
  'Chat',
  'Storage',
  'AI',
  'DNS',
  'Git',
];
const componentNames = [
  'API',
  'Dashboard',
  'Webhooks',
  'Authentication',
  'Database',
  'CDN',
  'Email Delivery',
  'Search',
  'Billing',
  'Notifications',
  'Mobile App',
  'File Storage',
  'Background Jobs',
  'DNS',
  'Analytics',
  'SSO',
  'Realtime Events',
  'Logs',
  'Uploads',
  'Documentation',
];
const groupNames = ['Core Platform', 'Infrastructure', 'Integrations'];
/** Most pages use UTC; others use local offsets and DST (docs/platforms.md#statuspage-times). */
const otherZones = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo'];

const dayMs = 86_400_000;

export interface ScriptedVendor {
  identity: SimVendorIdentity;
  state: SimVendorState;
  rng: Rng;
}

export function generateScriptedVendor(index: number, seed: number, now: number): ScriptedVendor {
  const rng = createRng(deriveSeed(seed, index));
  const name = `${rng.pick(namePrefixes)} ${rng.pick(nameSuffixes)}`;
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${index + 1}`;
  const identity: SimVendorIdentity = {
    slug,
    name,
    pageId: rng.id(),
    timeZone: rng.chance(0.7) ? 'Etc/UTC' : rng.pick(otherZones),
    url: null,
  };
  const createdAt = now - rng.int(400, 2000) * dayMs;
  const components = generateComponents(rng, index % 5 === 0, createdAt);
  const state: SimVendorState = { components, incidents: [], maintenances: [], updatedAt: now };
  addHistory(rng, state, now);
  return { identity, state, rng };
}

function generateComponents(rng: Rng, withGroup: boolean, createdAt: number): SimComponent[] {
  const names = rng.sample(componentNames, rng.int(4, 8));
  const leaf = (componentName: string, position: number): SimComponent => ({
    id: rng.id(),
    name: componentName,
    status: 'operational',
    position,
    description: rng.chance(0.3) ? `${componentName} availability and latency` : null,
    showcase: rng.chance(0.8),
    startDate: rng.chance(0.5) ? new Date(createdAt).toISOString().slice(0, 10) : null,
    groupId: null,
    isGroup: false,
    childIds: [],
    createdAt,
    updatedAt: createdAt + rng.int(0, 300) * dayMs,
  });
  if (!withGroup) return names.map((n, i) => leaf(n, i + 1));
  const childCount = rng.int(2, 3);
  const group: SimComponent = { ...leaf(rng.pick(groupNames), 1), isGroup: true, showcase: false };
  const children = names.slice(0, childCount).map((n, i) => ({
    ...leaf(n, i + 1),
    groupId: group.id,
  }));
  group.childIds = children.map((child) => child.id);
  const others = names.slice(childCount).map((n, i) => leaf(n, i + 2));
  return [group, ...children, ...others];
}

/** 0–3 resolved incidents and sometimes a completed maintenance from the last 30 days. */
function addHistory(rng: Rng, state: SimVendorState, now: number): void {
  const leaves = state.components.filter((c) => !c.isGroup);
  const count = rng.int(0, 3);
  const starts = Array.from({ length: count }, () => now - rng.int(1, 30) * dayMs);
  for (const start of starts.sort((a, b) => a - b)) {
    const picked = rng.sample(leaves, rng.int(1, 2));
    const names = componentList(picked);
    const change = (from: SimComponentStatus, to: SimComponentStatus): SimAffectedComponent[] =>
      picked.map((c) => ({ code: c.id, name: c.name, oldStatus: from, newStatus: to }));
    const incident = newIncident(rng, 'incident', picked, start);
    addUpdate(
      rng,
      incident,
      'investigating',
      start,
      change('operational', 'degraded_performance'),
      names,
    );
    let at = start;
    for (const status of ['identified', 'monitoring'] as const) {
      at += rng.int(5, 90) * 60_000;
      if (rng.chance(0.5)) addUpdate(rng, incident, status, at, null, names);
    }
    at += rng.int(5, 90) * 60_000;
    addUpdate(rng, incident, 'resolved', at, change('degraded_performance', 'operational'), names);
    state.incidents.unshift(incident);
  }
  if (rng.chance(0.3)) {
    const start = now - rng.int(2, 40) * dayMs;
    const picked = rng.sample(leaves, 1);
    const names = componentList(picked);
    const m = newIncident(rng, 'maintenance', picked, start - 3 * dayMs);
    m.scheduledFor = start;
    m.scheduledUntil = start + 2 * 3_600_000;
    addUpdate(rng, m, 'scheduled', start - 3 * dayMs, null, names);
    addUpdate(rng, m, 'in_progress', start, null, names);
    addUpdate(rng, m, 'completed', start + 2 * 3_600_000, null, names);
    state.maintenances.unshift(m);
  }
}
