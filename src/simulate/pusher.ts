// Fake vendors that push: on every published change, a Statuspage-style subscriber webhook
// (docs/push.md) is POSTed to the vendor's ingest URL. Sends are fire-and-forget, a bounded
// number in flight, so a fleet-wide burst cannot exhaust sockets or stall the simulation.
import type { SimVendorState, VisibilityRecord } from '../adapters/sim-kit/types.js';

export interface PushRecord {
  vendorSlug: string;
  url: string;
  /** When the change was published (its visibleAt). */
  visibleAt: number;
  sentAt: number;
  /** The ingest route's answer; null when the request failed. */
  status: number | null;
}

export interface Pusher {
  /** A change of `slug` was published: push it if the vendor has an ingest URL. */
  changed(slug: string, state: SimVendorState, records: readonly VisibilityRecord[]): void;
  /** Every push sent so far, oldest first. */
  sent(): PushRecord[];
  /** Resolves once the pushes in flight are answered. */
  drain(): Promise<void>;
}

/** Sends in flight at once; the rest wait their turn. */
const maxInFlight = 64;
const sendTimeoutMs = 10_000;

export function createPusher(urlFor: (slug: string) => string | undefined): Pusher {
  const records: PushRecord[] = [];
  const queue: Array<() => Promise<void>> = [];
  const inFlight = new Set<Promise<void>>();

  const pump = () => {
    while (inFlight.size < maxInFlight && queue.length > 0) {
      const task = queue.shift()!();
      inFlight.add(task);
      void task.finally(() => {
        inFlight.delete(task);
        pump();
      });
    }
  };

  return {
    changed(slug, state, changes) {
      const url = urlFor(slug);
      if (!url || changes.length === 0) return;
      const visibleAt = changes[0]!.visibleAt;
      const body = JSON.stringify(webhookFor(state, changes));
      queue.push(async () => {
        const record: PushRecord = {
          vendorSlug: slug,
          url,
          visibleAt,
          sentAt: Date.now(),
          status: null,
        };
        records.push(record);
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(sendTimeoutMs),
          });
          record.status = response.status;
          await response.arrayBuffer();
        } catch {
          record.status = null;
        }
      });
      pump();
    },
    sent: () => [...records],
    async drain() {
      while (inFlight.size > 0 || queue.length > 0) {
        await Promise.allSettled([...inFlight]);
        pump();
      }
    },
  };
}

/** An incident webhook when an incident changed, else a component update (Statuspage's shapes). */
export function webhookFor(
  state: SimVendorState,
  changes: readonly VisibilityRecord[],
): Record<string, unknown> {
  const meta = { unsubscribe: null, documentation: 'https://support.atlassian.com/statuspage/' };
  const page = { id: 'simulated', status_indicator: 'none', status_description: 'simulated' };
  const incidentChange = changes.find((change) => change.incidentId !== undefined);
  if (incidentChange) {
    const incident = [...state.incidents, ...state.maintenances].find(
      (candidate) => candidate.id === incidentChange.incidentId,
    );
    return {
      meta,
      page,
      incident: {
        id: incidentChange.incidentId,
        name: incident?.name ?? '',
        status: incident?.status ?? incidentChange.status ?? 'investigating',
        impact: incident?.impact ?? 'none',
        incident_updates: [],
      },
    };
  }
  const componentChange = changes[0]!;
  const component = state.components.find((c) => c.id === componentChange.componentId);
  return {
    meta,
    page,
    component_update: {
      created_at: new Date(componentChange.visibleAt).toISOString(),
      new_status: componentChange.status ?? component?.status ?? 'operational',
      component_id: componentChange.componentId ?? '',
    },
    component: {
      id: componentChange.componentId ?? '',
      name: component?.name ?? '',
      status: component?.status ?? 'operational',
    },
  };
}
