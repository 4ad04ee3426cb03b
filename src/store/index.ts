// The store's public surface: open, migrate, and the repository functions (db first).
export {
  checkReady,
  dialectOf,
  openStore,
  type DialectName,
  type Store,
  type StoreOptions,
} from './db.js';
export { migrateToLatest } from './migrations/index.js';
export {
  claimDuePolls,
  claimDueVendors,
  type ClaimedPoll,
  findVendorName,
  releaseLeases,
  syncVendors,
  type ClaimOptions,
  type VendorSource,
  type VendorSyncResult,
} from './vendors.js';
export {
  loadPollState,
  loadRawPayload,
  type PollState,
  type RawPayload,
  type Validators,
  type ValidatorsByEndpoint,
} from './poll-state.js';
export { loadPreviousState } from './previous-state.js';
export {
  commitCycle,
  type CommitOptions,
  type CycleOutcome,
  type CycleRecord,
} from './commit-cycle.js';
export {
  bookkeepingGatherMs,
  createBookkeepingBatch,
  type BookkeepingBatch,
} from './bookkeeping-batch.js';
export { loadNotifiedTargets } from './notified-targets.js';
export {
  targetStates,
  type Delivery,
  type DeliveryContext,
  type GroupPosition,
  type TargetState,
  type TargetStatus,
} from '../domain/delivery.js';
export {
  getIncident,
  listIncidents,
  listRevisions,
  type IncidentPage,
  type IncidentQuery,
} from './incidents.js';
export {
  eventsAfter,
  findEventSeq,
  listEvents,
  type EventPage,
  type EventQuery,
} from './events.js';
export {
  getVendorDetail,
  listVendorStatuses,
  type VendorDetail,
  type VendorSummary,
} from './vendor-status.js';
export {
  claimDeliveries,
  countDeliveries,
  markDelivered,
  markDeliveryFailed,
  markDeliveryRetry,
  outboxStatuses,
  type ClaimDeliveriesOptions,
  type OutboxStatus,
} from './outbox.js';
export {
  deferDelivery,
  failPendingDeliveries,
  hasLaterMessage,
  lastSentInGroup,
  loadDeliveryContext,
  markDeliverySkipped,
  releaseDeliveries,
} from './delivery-control.js';
export {
  listDeliveries,
  type DeliveryPage,
  type DeliveryQuery,
  type DeliveryView,
} from './delivery-list.js';
export {
  claimNotifyTargets,
  getNotifyTarget,
  listNotifyTargets,
  reactivateNotifyTarget,
  releaseNotifyTarget,
  releaseNotifyTargetLeases,
  renewNotifyTargetLease,
  syncNotifyTargets,
  type ClaimTargetsOptions,
  type ConfiguredTarget,
  type NotifyTargetRecord,
} from './notify-targets.js';
export {
  deleteApiTarget,
  failOrphanedDeliveries,
  insertApiTarget,
  listApiTargets,
  type ApiTargetDefinition,
  type ApiTargetInsert,
  type ApiTargetRemoval,
} from './api-targets.js';
export { InvalidQueryError } from './cursor.js';
export { deliveryKey, newEventId } from './ids.js';
export type { Database } from './schema.js';
export * from './page-reads.js';
