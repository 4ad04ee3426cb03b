// Detection latency: every incident and update the simulator says became visible inside the
// window, matched with what the store recorded (detected_at) and with when the poller committed
// the event (the child's onEvents time, which is when an alert could leave).
import { request } from 'undici';
import { openStore } from '../dist/store/index.js';
import { round, summarize } from './stats.mjs';

export async function fetchVisibility(controlUrl) {
  const response = await request(`${controlUrl}/_sim/visibility?since=0`, {
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`simulator visibility answered ${response.statusCode}`);
  }
  const { records } = await response.body.json();
  return records;
}

async function loadDetections(dbPath) {
  const store = await openStore(dbPath);
  try {
    const incidents = await store.db
      .selectFrom('incidents')
      .select(['id', 'vendor_slug', 'source_id', 'detected_at', 'backfilled'])
      .execute();
    const updates = await store.db
      .selectFrom('incident_updates')
      .innerJoin('incidents', 'incidents.id', 'incident_updates.incident_id')
      .select([
        'incidents.vendor_slug as vendor_slug',
        'incident_updates.id as update_id',
        'incident_updates.detected_at as detected_at',
      ])
      .execute();
    return {
      incidents: new Map(incidents.map((row) => [`${row.vendor_slug}|${row.source_id}`, row])),
      updates: new Map(updates.map((row) => [`${row.vendor_slug}|${row.update_id}`, row])),
    };
  } finally {
    await store.close();
  }
}

function measureKind(records, lookup, commitTimes) {
  const stored = [];
  const committed = [];
  const missed = [];
  for (const record of records) {
    const row = lookup(record);
    if (!row) {
      missed.push(record);
      continue;
    }
    stored.push(Date.parse(row.detected_at) - record.visibleAt);
    // Events carry the poll's time as `at`, the same instant stored as detected_at.
    const commitAt = commitTimes[`${record.vendorSlug}|${Date.parse(row.detected_at)}`];
    if (commitAt !== undefined) committed.push(commitAt - record.visibleAt);
  }
  return { visible: records.length, detected: stored.length, stored, committed, missed };
}

function secondsSummary(values) {
  const s = summarize(values);
  const seconds = (ms) => (ms === null ? null : round(ms / 1000, 3));
  return {
    count: s.count,
    min: seconds(s.min),
    p50: seconds(s.p50),
    p99: seconds(s.p99),
    max: seconds(s.max),
  };
}

/** Latencies in seconds for records visible in [fromMs, toMs]. */
export async function measureLatency({ controlUrl, dbPath, fromMs, toMs, commitTimes }) {
  const all = await fetchVisibility(controlUrl);
  const inWindow = all.filter((r) => r.visibleAt >= fromMs && r.visibleAt <= toMs);
  const detections = await loadDetections(dbPath);
  const incidents = measureKind(
    inWindow.filter((r) => r.kind === 'incident_appeared' && r.incidentId),
    (r) => detections.incidents.get(`${r.vendorSlug}|${r.incidentId}`),
    commitTimes,
  );
  const updates = measureKind(
    inWindow.filter((r) => r.kind === 'update_appeared' && r.updateId),
    (r) => detections.updates.get(`${r.vendorSlug}|${r.updateId}`),
    commitTimes,
  );
  const stored = [...incidents.stored, ...updates.stored];
  return {
    visibilityRecordsTotal: all.length,
    visibilityRecordsInWindow: inWindow.length,
    incidents: { visible: incidents.visible, detected: incidents.detected },
    updates: { visible: updates.visible, detected: updates.detected },
    visible: incidents.visible + updates.visible,
    detected: incidents.detected + updates.detected,
    /** detected_at in the store minus visibleAt (detected_at is the poll's start time). */
    storedDetectedAt: secondsSummary(stored),
    negativeStoredLatencies: stored.filter((ms) => ms < 0).length,
    /** When the poller committed the event minus visibleAt: the earliest an alert could leave. */
    committed: secondsSummary([...incidents.committed, ...updates.committed]),
    missedSamples: [...incidents.missed, ...updates.missed].slice(0, 5),
  };
}
