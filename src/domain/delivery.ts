// Notification deliveries as both sides see them: routing decides them, the store keeps them as
// outbox rows, and the dispatcher claims and sends them. Defined here so neither side mirrors it.
import type { IncidentWithUpdates, VendorEvent } from './model.js';

/** A delivery routing chose for an event: a target, and for reminders a time to send it. */
export interface RoutedDelivery {
  target: string;
  kind: 'event' | 'reminder';
  /** Not sent before this instant (a reminder ahead of a maintenance window). */
  notBefore?: string;
}

/** A pending outbox row as a dispatcher claims it. */
export interface Delivery {
  seq: number;
  /** Idempotency key, the same on every retry: X-Vendorwatch-Delivery. */
  deliveryKey: string;
  target: string;
  /** Attempts made before this one. */
  attempts: number;
  /** 'event', or 'reminder' for a reminder ahead of a maintenance window. */
  kind: string;
  /** The incident the event is about (noise control groups by it); null for other events. */
  groupKey: string | null;
  /** Channel resume state saved by an earlier partial attempt (JSON), or null. */
  progress: string | null;
  createdAt: string;
  event: VendorEvent;
}

/** What a message says besides its event: the vendor and the incident as now stored. */
export interface DeliveryContext {
  vendor: { slug: string; name: string; statusPageUrl: string | null };
  incident: IncidentWithUpdates | null;
}

/** A delivery's place among one target's messages about one incident (noise control). */
export interface GroupPosition {
  target: string;
  groupKey: string;
  seq: number;
}

export const targetStates = ['active', 'disabled', 'quarantined'] as const;
export type TargetState = (typeof targetStates)[number];

/** A target's health after its deliveries so far: decided by notify, kept by the store. */
export interface TargetStatus {
  state: TargetState;
  reason: string | null;
  failures: number;
  failingSince: string | null;
  lastError: string | null;
  lastSuccessAt: string | null;
  nextAttemptAt: string;
}
