// The store's public surface: open, migrate, and the repository functions (db first).
export { checkReady, openStore, type Store } from './db.js';
export { migrateToLatest } from './migrations/index.js';
export {
  claimDuePolls,
  type ClaimedPoll,
  findVendorName,
  findWatchConflict,
  releaseLeases,
  storeDetectedPlatform,
  syncConfigVendors,
  syncVendors,
  type SyncedVendor,
} from './vendors.js';
export {
  listProbedVendors,
  listSuspicionsWithoutProbes,
  loadVendorProbes,
  type StoredProbes,
} from './vendor-probes.js';
export {
  getWatchedVendor,
  listWatchedVendors,
  loadFollowedComponents,
  removeVendor,
  updateVendorSettings,
  type VendorSettings,
  type WatchChange,
  type WatchedVendor,
} from './watch-list.js';
export { loadPollState, loadRawPayload, type PollState } from './poll-state.js';
export { loadPreviousState } from './previous-state.js';
export { commitCycle, type CycleRecord } from './commit-cycle.js';
export {
  bookkeepingGatherMs,
  createBookkeepingBatch,
  type BookkeepingBatch,
} from './bookkeeping-batch.js';
export { loadNotifiedTargets } from './notified-targets.js';
export { getIncident, listIncidents, listRevisions, type IncidentQuery } from './incidents.js';
export { refreshSearchWords } from './incident-search.js';
export { listFlagKindsSince, listIncidentFlags, type FlaggedHistory } from './incident-flags.js';
export { commitFlagSweep, loadSweepHistories, type SweepDecision } from './flag-sweep.js';
export { eventsAfter, findEventSeq, listEvents } from './events.js';
export { getVendorDetail, listVendorStatuses, type VendorSummary } from './vendor-status.js';
export {
  claimDeliveries,
  markDelivered,
  markDeliveryFailed,
  markDeliveryRetry,
  outboxStatuses,
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
export { listDeliveries, type DeliveryView } from './delivery-list.js';
export {
  claimNotifyTargets,
  getNotifyTarget,
  listNotifyTargets,
  reactivateNotifyTarget,
  releaseNotifyTarget,
  releaseNotifyTargetLeases,
  renewNotifyTargetLease,
  syncNotifyTargets,
  type NotifyTargetRecord,
} from './notify-targets.js';
export {
  deleteApiTarget,
  failOrphanedDeliveries,
  insertApiTarget,
  listApiTargets,
  replaceApiTarget,
  setApiTargetPaused,
} from './api-targets.js';
export { listVendorChoices, type VendorChoice } from './vendor-choices.js';
export { InvalidQueryError } from './cursor.js';
export { deliveryKey, newEventId } from './ids.js';
export type { Database } from './schema.js';
export * from './page-reads.js';
export {
  listIncidentsSinceWithUpdates,
  listVendorRangeIncidents,
  maxRangeRows,
  type RangeIncidents,
} from './range-reads.js';
export { countPrunable, pruneBefore, type PruneCounts } from './prune.js';
export {
  calendarWindowsQuery,
  findPageName,
  latestOfKindQuery,
  listCalendarWindows,
  listComponentWrites,
  listVendorPageItems,
  maxCalendarWindows,
  type CalendarWindow,
  type VendorPageItems,
} from './share-reads.js';
export {
  findOutageOfIncident,
  getOutage,
  getOutageTimeline,
  listOpenOutages,
  listOutages,
  type OutageQuery,
} from './outages.js';
export type { CorrelationSettings } from './outage-correlation.js';
export {
  accountRoles,
  clearAccountFailures,
  countAccounts,
  createAccount,
  findAccountByEmail,
  findAccountById,
  findAccountByInvite,
  listAccounts,
  normalizeEmail,
  recordAccountFailure,
  removeAccount,
  setAccountPassword,
  setAccountRole,
  type AccountRecord,
  type AccountRole,
} from './accounts.js';
export {
  deleteAccountSessions,
  deleteSession,
  findSession,
  insertSession,
  purgeSessions,
  touchSession,
  type SessionRecord,
} from './sessions.js';
export { addressLockedUntil, recordAddressFailure } from './sign-in-failures.js';
export { appendAudit, listAudit, type AuditEntry, type NewAuditEntry } from './audit.js';
export {
  heartbeatWorker,
  listWorkers,
  markWorkerStopped,
  registerWorker,
  sweepGoneWorkers,
  WorkerIdInUseError,
  workerLeaseSeconds,
  claimLeaseSeconds,
  heartbeatSeconds,
  type WorkerStats,
  type WorkerView,
} from './workers.js';
export {
  clearSuspicion,
  findFirstPostAt,
  findOpenSuspicion,
  hourOf,
  isVendorSuspected,
  latestRolledHour,
  listLiveWorkerIds,
  listOpenSuspicions,
  listSuspectedVendors,
  listPostingLags,
  listProbeHours,
  listProbeResults,
  listProbeStates,
  openSuspicion,
  probeHourlyKeepSeconds,
  probeRawKeepSeconds,
  pruneProbeData,
  recordProbeResult,
  rollUpProbeHours,
  vendorHasOpenIncident,
  type OpenSuspicion,
  type PostingLagRow,
  type ProbeHour,
  type ProbePoint,
  type ProbeStateView,
} from './probes.js';
export { issueIngestToken, loadPushTarget, recordPush, type PushTarget } from './push-ingest.js';
