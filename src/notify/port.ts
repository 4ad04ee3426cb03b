// What the dispatcher needs from the store, as an interface: notify never imports the store
// (STYLE.md), the composition root hands it an implementation.
import type { Incident, IncidentUpdate, VendorEvent } from '../domain/model.js';
import type { TargetStatus } from './policy.js';

export interface PendingDelivery {
  seq: number;
  deliveryKey: string;
  target: string;
  /** Attempts made before this one. */
  attempts: number;
  kind: string;
  groupKey: string | null;
  progress: string | null;
  createdAt: string;
  event: VendorEvent;
}

export interface StoredContext {
  vendor: { slug: string; name: string; statusPageUrl: string | null };
  incident: (Incident & { updates: IncidentUpdate[] }) | null;
}

export interface GroupPosition {
  target: string;
  groupKey: string;
  seq: number;
}

export interface OutboxPort {
  syncTargets(
    targets: ReadonlyArray<{ name: string; type: string; fingerprint: string }>,
    now: string,
  ): Promise<void>;
  claimTargets(options: {
    names: readonly string[];
    owner: string;
    now: string;
    leaseSeconds: number;
    limit: number;
  }): Promise<string[]>;
  renewTarget(name: string, owner: string, until: string): Promise<boolean>;
  releaseTarget(name: string, owner: string, status: TargetStatus, now: string): Promise<void>;
  releaseTargetLeases(owner: string): Promise<void>;
  getTarget(name: string): Promise<(TargetStatus & { name: string }) | null>;
  listTargets(): Promise<Array<{ name: string; state: string; reason: string | null }>>;

  claimDeliveries(options: {
    target: string;
    now: string;
    leaseSeconds: number;
    limit: number;
  }): Promise<PendingDelivery[]>;
  markDelivered(seq: number, now: string): Promise<void>;
  markDeliveryRetry(
    seq: number,
    retry: { error: string; nextAttemptAt: string; progress?: string | null },
  ): Promise<void>;
  markDeliveryFailed(seq: number, error: string): Promise<void>;
  markDeliverySkipped(seq: number, reason: string): Promise<void>;
  deferDelivery(seq: number, until: string): Promise<void>;
  releaseDeliveries(seqs: readonly number[]): Promise<void>;
  failPendingDeliveries(target: string, reason: string): Promise<number>;
  /** Fails pending deliveries whose target is gone from the store (removed meanwhile). */
  failOrphanedDeliveries(reason: string): Promise<number>;
  hasLaterMessage(position: GroupPosition): Promise<boolean>;
  lastSentInGroup(position: Omit<GroupPosition, 'seq'>): Promise<string | null>;

  loadContext(event: VendorEvent): Promise<StoredContext>;
}
