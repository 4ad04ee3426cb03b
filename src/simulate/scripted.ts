// Scripted mode: on each tick every vendor may open an incident (investigating → identified →
// monitoring → resolved over later ticks) or schedule a maintenance (scheduled → in_progress →
// [verifying →] completed). Decisions come from each vendor's seeded stream, so a seed replays.
import type { Rng } from './prng.js';
import { addUpdate, componentList, newIncident } from './scripted-text.js';
import type { ScriptedVendor } from './scripted-vendors.js';
import {
  historyLimit,
  type SimAffectedComponent,
  type SimComponent,
  type SimComponentStatus,
  type SimImpact,
  type SimIncident,
  type SimStatus,
  type SimVendorState,
} from '../adapters/sim-kit/types.js';

interface ScriptedOptions {
  /** Chance per vendor per tick that an incident opens (when none is open). */
  incidentRate: number;
  tickMs: number;
}

interface Active {
  item: SimIncident;
  components: SimComponent[];
  plan: SimStatus[];
  ticksLeft: number;
}

interface Runtime {
  rng: Rng;
  state: SimVendorState;
  incident: Active | null;
  maintenance: Active | null;
}

const outageByImpact: Record<SimImpact, SimComponentStatus[]> = {
  none: ['degraded_performance'],
  minor: ['degraded_performance', 'partial_outage'],
  major: ['partial_outage', 'major_outage'],
  critical: ['major_outage'],
  maintenance: ['under_maintenance'],
};

export class ScriptedDriver {
  private readonly runtimes: Runtime[];

  constructor(
    vendors: readonly ScriptedVendor[],
    private readonly options: ScriptedOptions,
  ) {
    this.runtimes = vendors.map((v) => ({
      rng: v.rng,
      state: v.state,
      incident: null,
      maintenance: null,
    }));
  }

  /** Advances every vendor one tick; returns the indices whose state changed. */
  tick(now: number): number[] {
    const changed: number[] = [];
    this.runtimes.forEach((rt, index) => {
      const incidentChanged = this.stepIncident(rt, now);
      const maintenanceChanged = this.stepMaintenance(rt, now);
      if (incidentChanged || maintenanceChanged) {
        rt.state.updatedAt = now;
        changed.push(index);
      }
    });
    return changed;
  }

  private stepIncident(rt: Runtime, now: number): boolean {
    const { rng } = rt;
    if (rt.incident) return --rt.incident.ticksLeft <= 0 ? advance(rt, 'incident', now) : false;
    if (!rng.chance(this.options.incidentRate)) return false;
    const free = freeLeaves(rt);
    if (free.length === 0) return false;
    const components = rng.sample(free, rng.int(1, 3));
    const item = newIncident(rng, 'incident', components, now);
    const affected = components.map((c) =>
      setStatus(c, rng.pick(outageByImpact[item.impact]), now),
    );
    addUpdate(rng, item, 'investigating', now, affected, componentList(components));
    const plan: SimStatus[] = [];
    if (rng.chance(0.2)) plan.push('investigating');
    if (rng.chance(0.6)) plan.push('identified');
    if (rng.chance(0.8)) plan.push('monitoring');
    plan.push('resolved');
    rt.incident = { item, components, plan, ticksLeft: rng.int(1, 3) };
    pushHistory(rt.state.incidents, item);
    return true;
  }

  private stepMaintenance(rt: Runtime, now: number): boolean {
    const { rng } = rt;
    if (rt.maintenance) {
      return --rt.maintenance.ticksLeft <= 0 ? advance(rt, 'maintenance', now) : false;
    }
    if (!rng.chance(this.options.incidentRate / 4)) return false;
    const free = freeLeaves(rt);
    if (free.length === 0) return false;
    const components = rng.sample(free, rng.int(1, 2));
    const startsIn = rng.int(2, 5);
    const item = newIncident(rng, 'maintenance', components, now);
    item.scheduledFor = now + startsIn * this.options.tickMs;
    item.scheduledUntil = item.scheduledFor + rng.int(2, 4) * this.options.tickMs;
    const unchanged = components.map((c) => affectedOf(c, c.status, c.status));
    addUpdate(rng, item, 'scheduled', now, unchanged, componentList(components));
    const plan: SimStatus[] = rng.chance(0.25)
      ? ['in_progress', 'verifying', 'completed']
      : ['in_progress', 'completed'];
    rt.maintenance = { item, components, plan, ticksLeft: startsIn };
    pushHistory(rt.state.maintenances, item);
    return true;
  }
}

/** Posts the next planned update; component statuses move with in_progress, monitoring and the end. */
function advance(rt: Runtime, which: 'incident' | 'maintenance', now: number): boolean {
  const active = rt[which];
  const status = active?.plan.shift();
  if (!active || !status) return false;
  const { rng } = rt;
  let affected: SimAffectedComponent[] | null = null;
  if (status === 'in_progress') {
    affected = active.components.map((c) => setStatus(c, 'under_maintenance', now));
  } else if (status === 'resolved' || status === 'completed') {
    affected = active.components.map((c) => setStatus(c, 'operational', now));
  } else if (status === 'monitoring') {
    const recovering = active.components.filter((c) => c.status !== 'degraded_performance');
    if (recovering.length > 0)
      affected = recovering.map((c) => setStatus(c, 'degraded_performance', now));
  }
  addUpdate(rng, active.item, status, now, affected, componentList(active.components));
  if (active.plan.length === 0) rt[which] = null;
  else active.ticksLeft = which === 'incident' ? rng.int(1, 3) : rng.int(1, 2);
  return true;
}

/** Leaves no open incident or maintenance holds, so each can restore what it changed. */
function freeLeaves(rt: Runtime): SimComponent[] {
  const held = new Set([...(rt.incident?.components ?? []), ...(rt.maintenance?.components ?? [])]);
  return rt.state.components.filter(
    (c) => !c.isGroup && !held.has(c) && c.status === 'operational',
  );
}

function affectedOf(
  c: SimComponent,
  from: SimComponentStatus,
  to: SimComponentStatus,
): SimAffectedComponent {
  return { code: c.id, name: c.name, oldStatus: from, newStatus: to };
}

function setStatus(c: SimComponent, status: SimComponentStatus, now: number): SimAffectedComponent {
  const affected = affectedOf(c, c.status, status);
  if (c.status !== status) c.updatedAt = now;
  c.status = status;
  return affected;
}

function pushHistory(list: SimIncident[], item: SimIncident): void {
  list.unshift(item);
  if (list.length > historyLimit) list.length = historyLimit;
}
