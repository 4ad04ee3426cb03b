// What notification routing needs to know about an event, read inside the cycle's transaction
// after its plan was applied: the incident as it now stands and who was already told about it.
import type { Kysely } from 'kysely';
import type { VendorEvent } from '../domain/model.js';
import type { Impact, IncidentKind, Phase } from '../domain/vocabulary.js';
import { fromJson, fromJsonOrNull } from './codec.js';
import type { Database } from './schema.js';

export interface RouteContext {
  /** The incident or maintenance the event is about, after this cycle; null for other events. */
  incident: {
    kind: IncidentKind;
    impact: Impact;
    phase: Phase;
    components: string[];
    scheduledFor: string | null;
  } | null;
  /** Components the event's own update says it touched; null when the platform does not say. */
  updateComponents: string[] | null;
  /** Targets that already have a delivery about this incident (earlier cycles or this one). */
  notifiedTargets: readonly string[];
}

/** Loads contexts once per incident per cycle and remembers targets routed in this cycle. */
export class RouteContextLoader {
  private readonly incidents = new Map<string, RouteContext['incident']>();
  private readonly notified = new Map<string, Set<string>>();

  constructor(private readonly trx: Kysely<Database>) {}

  async load(event: VendorEvent): Promise<RouteContext> {
    if (event.incidentId === null) {
      return { incident: null, updateComponents: null, notifiedTargets: [] };
    }
    const incident = await this.incident(event.incidentId);
    const notified = await this.notifiedTargets(event.incidentId);
    let updateComponents: string[] | null = null;
    if (event.updateId !== null) {
      const update = await this.trx
        .selectFrom('incident_updates')
        .select('components')
        .where('incident_id', '=', event.incidentId)
        .where('id', '=', event.updateId)
        .executeTakeFirst();
      updateComponents = fromJsonOrNull<string[]>(update?.components ?? null);
    }
    return { incident, updateComponents, notifiedTargets: [...notified] };
  }

  /** Records that a delivery about this incident was routed to these targets. */
  routed(incidentId: string | null, targets: Iterable<string>): void {
    if (incidentId === null) return;
    const known = this.notified.get(incidentId);
    for (const target of targets) known?.add(target);
  }

  private async incident(id: string): Promise<RouteContext['incident']> {
    if (this.incidents.has(id)) return this.incidents.get(id)!;
    const row = await this.trx
      .selectFrom('incidents')
      .select(['kind', 'impact', 'phase', 'components', 'scheduled_for'])
      .where('id', '=', id)
      .executeTakeFirst();
    // Written only from typed domain values.
    const incident = row
      ? {
          kind: row.kind as IncidentKind,
          impact: row.impact as Impact,
          phase: row.phase as Phase,
          components: fromJson<string[]>(row.components),
          scheduledFor: row.scheduled_for,
        }
      : null;
    this.incidents.set(id, incident);
    return incident;
  }

  private async notifiedTargets(incidentId: string): Promise<Set<string>> {
    let known = this.notified.get(incidentId);
    if (known) return known;
    const rows = await this.trx
      .selectFrom('outbox')
      .select('target')
      .distinct()
      .where('group_key', '=', incidentId)
      .where('kind', '=', 'event')
      .execute();
    known = new Set(rows.map((row) => row.target));
    this.notified.set(incidentId, known);
    return known;
  }
}
