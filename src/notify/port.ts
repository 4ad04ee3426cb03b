// What the dispatcher needs from the store, as an interface: notify never imports the store, the
// composition (app/notifier.ts) hands it an implementation. The row types are the domain's.
import type { Delivery, DeliveryContext, GroupPosition, TargetStatus } from '../domain/delivery.js';
import type { VendorEvent } from '../domain/model.js';

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
  }): Promise<Delivery[]>;
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

  loadContext(event: VendorEvent): Promise<DeliveryContext>;
}
