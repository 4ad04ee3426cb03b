// Visibility records say when each change started being served, so detection latency can be
// measured as (vendorwatch's detectedAt − visibleAt). They come from diffing what a poller can
// see before and after each commit, so no mutation path can forget to record one.
import type { SimStatus, SimVendorState, VisibilityRecord } from '../adapters/sim-kit/types.js';

/** What a poller can observe of one vendor: statuses and update ids. */
export interface VisibleSignature {
  components: Map<string, string>;
  /** updateKey joins the update ids: cheap to build and compare on every commit. */
  incidents: Map<string, { status: SimStatus; updateKey: string }>;
}

export function signatureOf(state: SimVendorState): VisibleSignature {
  const components = new Map<string, string>();
  for (const component of state.components) {
    if (!component.isGroup) components.set(component.id, component.status);
  }
  const incidents: VisibleSignature['incidents'] = new Map();
  for (const incident of [...state.incidents, ...state.maintenances]) {
    incidents.set(incident.id, {
      status: incident.status,
      updateKey: incident.updates.map((update) => update.id).join(' '),
    });
  }
  return { components, incidents };
}

export function diffSignatures(
  vendorSlug: string,
  before: VisibleSignature,
  after: VisibleSignature,
  visibleAt: number,
): VisibilityRecord[] {
  const records: VisibilityRecord[] = [];
  for (const [incidentId, next] of after.incidents) {
    const previous = before.incidents.get(incidentId);
    if (!previous) {
      records.push({
        vendorSlug,
        kind: 'incident_appeared',
        incidentId,
        status: next.status,
        visibleAt,
      });
    } else if (previous.status !== next.status) {
      records.push({
        vendorSlug,
        kind: 'phase_changed',
        incidentId,
        status: next.status,
        visibleAt,
      });
    }
    if (previous?.updateKey === next.updateKey) continue;
    const seen = new Set(previous?.updateKey.split(' '));
    for (const updateId of next.updateKey.split(' ')) {
      if (updateId === '' || seen.has(updateId)) continue;
      records.push({ vendorSlug, kind: 'update_appeared', incidentId, updateId, visibleAt });
    }
  }
  for (const [componentId, status] of after.components) {
    const previous = before.components.get(componentId);
    if (previous !== undefined && previous !== status) {
      records.push({ vendorSlug, kind: 'component_changed', componentId, status, visibleAt });
    }
  }
  return records;
}

/**
 * Append-only log; `since(n)` lets a harness in another process read it incrementally. Past
 * `cap` records the oldest half is dropped (offsets stay valid), so a long demo stays bounded.
 */
export class VisibilityLog {
  private records: VisibilityRecord[] = [];
  /** Offset of records[0] in the whole history. */
  private base = 0;

  constructor(private readonly cap = 1_000_000) {}

  push(records: readonly VisibilityRecord[]): void {
    for (const record of records) this.records.push(record);
    if (this.records.length > this.cap) {
      const drop = Math.ceil(this.records.length / 2);
      this.records = this.records.slice(drop);
      this.base += drop;
    }
  }

  /** The records still held (all of them unless more than `cap` were recorded). */
  all(): VisibilityRecord[] {
    return [...this.records];
  }

  since(offset: number): { records: VisibilityRecord[]; next: number } {
    const start = Math.max(0, Math.min(offset - this.base, this.records.length));
    return { records: this.records.slice(start), next: this.base + this.records.length };
  }
}
