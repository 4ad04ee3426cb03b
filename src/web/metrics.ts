// GET /metrics in the Prometheus text format (prom-client). Store-backed gauges are read fresh
// on each scrape; poll histograms and error counters are fed by the scheduler's outcomes, so
// Grafana users can alert on their vendors (status, open incidents, stale data) and on polling.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Board } from '../domain/board.js';
import type { IncidentWithUpdates } from '../domain/model.js';
import { vendorFigures } from '../domain/report-card.js';
import { statusRankOf } from '../domain/status.js';
import { addSeconds } from '../domain/time.js';
import { impacts } from '../domain/vocabulary.js';
import {
  countActiveIncidents,
  listIncidentsSinceWithUpdates,
  listProbeStates,
  listVendorStatuses,
  listWatchedComponents,
  listWorkers,
  workerLeaseSeconds,
  type Database,
  type WorkerView,
} from '../store/index.js';
import { loadBoardState } from './boards/load.js';

/** What the poller reports about one poll (a PollOutcome, without importing poll/). */
interface PollObservation {
  vendorSlug: string;
  kind: 'changed' | 'unchanged' | 'failed' | 'crashed';
  events: number;
  durationMs: number;
}

const severityHelp =
  '0 operational, 1 under_maintenance, 2 unknown, 3 degraded_performance, 4 partial_outage, 5 major_outage';

export interface Metrics {
  registry: Registry;
  observePoll(observation: PollObservation): void;
  /** Labels this process's poll metrics with its worker id (once it has one). */
  setWorker(id: string): void;
  /** The poller's network watch says most vendors cannot be reached (poll/network-watch). */
  setNetworkDegraded(degraded: boolean): void;
}

interface Instruments extends Metrics {
  vendorStatus: Gauge<'vendor'>;
  vendorUp: Gauge<'vendor'>;
  dataAge: Gauge<'vendor'>;
  componentStatus: Gauge<'vendor' | 'component' | 'group'>;
  activeIncidents: Gauge<'vendor' | 'impact'>;
  reportGauges: ReportGauges;
  workerGauges: WorkerGauges;
  boardStatus: Gauge<'board'>;
  boardAffected: Gauge<'board'>;
  probeUp: Gauge<'vendor' | 'probe'>;
  probeDuration: Gauge<'vendor' | 'probe'>;
}

/** Every worker's figures as its heartbeats write them to the store (any process can serve them). */
interface WorkerGauges {
  up: Gauge<'worker' | 'host'>;
  pollsPerSecond: Gauge<'worker'>;
  polls: Gauge<'worker'>;
  vendorsHeld: Gauge<'worker'>;
  heartbeatAge: Gauge<'worker'>;
}

function workerGauges(registers: Registry[]): WorkerGauges {
  const gauge = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Gauge<L>({ name: `vendorwatch_worker_${name}`, help, labelNames, registers });
  return {
    up: gauge('up', '1 for a live worker, 0 for one gone within the last day.', ['worker', 'host']),
    pollsPerSecond: gauge('polls_per_second', "Polls per second over the worker's last seconds.", [
      'worker',
    ]),
    polls: gauge('polls', 'Polls the worker made since it started (as of its last heartbeat).', [
      'worker',
    ]),
    vendorsHeld: gauge('vendors_held', 'Vendors the worker is polling now (leased).', ['worker']),
    heartbeatAge: gauge('heartbeat_age_seconds', "Seconds since the worker's last heartbeat.", [
      'worker',
    ]),
  };
}

/** The report card's headline figures (docs/contract.md#vendor-report-card), over this window. */
const reportWindowDays = 90;

interface ReportGauges {
  resolveMedian: Gauge<'vendor'>;
  resolveP90: Gauge<'vendor'>;
  postmortemShare: Gauge<'vendor'>;
  updateGapMedian: Gauge<'vendor'>;
}

function reportGauges(registers: Registry[]): ReportGauges {
  const gauge = (name: string, help: string) =>
    new Gauge({
      name: `vendorwatch_report_${name}`,
      help: `${help} Over the last ${reportWindowDays} days; absent without a value.`,
      labelNames: ['vendor'],
      registers,
    });
  return {
    resolveMedian: gauge('resolve_median_seconds', 'Median time to resolve an incident.'),
    resolveP90: gauge('resolve_p90_seconds', '90th percentile (nearest rank) of time to resolve.'),
    postmortemShare: gauge(
      'postmortem_share',
      'Share (0-1) of resolved incidents with a postmortem.',
    ),
    updateGapMedian: gauge('update_gap_median_seconds', 'Median gap between incident updates.'),
  };
}

const instruments = new WeakMap<Metrics, Instruments>();

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  let worker: { worker: string } | Record<string, never> = {};
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'vendorwatch_' });
  const registers = [registry];
  const pollDuration = new Histogram({
    name: 'vendorwatch_poll_duration_seconds',
    help: 'Duration of one vendor poll (fetch, parse, diff, commit), by outcome and worker.',
    labelNames: ['outcome', 'worker'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const pollErrors = new Counter({
    name: 'vendorwatch_poll_errors_total',
    help: 'Polls that failed (the page could not be fetched or read) or crashed, by vendor and worker.',
    labelNames: ['vendor', 'kind', 'worker'],
    registers,
  });
  const eventsRecorded = new Counter({
    name: 'vendorwatch_events_recorded_total',
    help: 'Change events recorded by polls in this process, by worker.',
    labelNames: ['worker'],
    registers,
  });
  const networkDegraded = new Gauge({
    name: 'vendorwatch_poller_network_degraded',
    help:
      "1 while this process's poller finds most status pages unreachable (its own network is " +
      'probably down) and holds vendor-unreachable alerts, else 0.',
    registers,
  });
  const metrics: Instruments = {
    registry,
    observePoll(observation) {
      pollDuration.observe({ outcome: observation.kind, ...worker }, observation.durationMs / 1000);
      if (observation.kind === 'failed' || observation.kind === 'crashed') {
        pollErrors.inc({ vendor: observation.vendorSlug, kind: observation.kind, ...worker });
      }
      if (observation.events > 0) eventsRecorded.inc(worker, observation.events);
    },
    setWorker(id) {
      worker = { worker: id };
    },
    setNetworkDegraded(degraded) {
      networkDegraded.set(degraded ? 1 : 0);
    },
    vendorStatus: new Gauge({
      name: 'vendorwatch_vendor_status',
      help: `Worst status of the vendor's components and open incidents: ${severityHelp}.`,
      labelNames: ['vendor'],
      registers,
    }),
    vendorUp: new Gauge({
      name: 'vendorwatch_vendor_up',
      help: "1 when the vendor's page was read at the last poll and the data is fresh, else 0.",
      labelNames: ['vendor'],
      registers,
    }),
    dataAge: new Gauge({
      name: 'vendorwatch_vendor_data_age_seconds',
      help: "Seconds since the vendor's page was last read successfully (absent before the first).",
      labelNames: ['vendor'],
      registers,
    }),
    componentStatus: new Gauge({
      name: 'vendorwatch_component_status',
      help: `Status of one vendor component: ${severityHelp}.`,
      labelNames: ['vendor', 'component', 'group'],
      registers,
    }),
    activeIncidents: new Gauge({
      name: 'vendorwatch_active_incidents',
      help: 'Open incidents and maintenances, by vendor and impact.',
      labelNames: ['vendor', 'impact'],
      registers,
    }),
    reportGauges: reportGauges(registers),
    workerGauges: workerGauges(registers),
    // One series per board (a handful): its vendors judged on the board's components only.
    boardStatus: new Gauge({
      name: 'vendorwatch_board_status',
      help: `Worst status of the board's vendors on its components: ${severityHelp}.`,
      labelNames: ['board'],
      registers,
    }),
    boardAffected: new Gauge({
      name: 'vendorwatch_board_vendors_affected',
      help: "The board's vendors not fully operational on its components (unknown not counted).",
      labelNames: ['board'],
      registers,
    }),
    probeUp: new Gauge({
      name: 'vendorwatch_probe_up',
      help: "1 when the probe's latest request met its expectation, else 0.",
      labelNames: ['vendor', 'probe'],
      registers,
    }),
    probeDuration: new Gauge({
      name: 'vendorwatch_probe_duration_seconds',
      help: "Duration of the probe's latest request, answered or not.",
      labelNames: ['vendor', 'probe'],
      registers,
    }),
  };
  instruments.set(metrics, metrics);
  return metrics;
}

/** Refreshes the store-backed gauges and answers with the whole exposition. */
export async function serveMetrics(
  c: Context,
  metrics: Metrics,
  db: Kysely<Database>,
  now: string,
  boards: readonly Board[] = [],
): Promise<Response> {
  const own = instruments.get(metrics)!;
  const [vendors, components, active, window, workers, boardStates, probes] = await Promise.all([
    listVendorStatuses(db, now),
    listWatchedComponents(db),
    countActiveIncidents(db),
    listIncidentsSinceWithUpdates(db, addSeconds(now, -reportWindowDays * 86_400)),
    listWorkers(db, { now, leaseSeconds: workerLeaseSeconds }),
    Promise.all(boards.map((board) => loadBoardState(db, board, now))),
    listProbeStates(db),
  ]);
  own.boardStatus.reset();
  own.boardAffected.reset();
  for (const state of boardStates) {
    const labels = { board: state.board.slug };
    own.boardStatus.set(labels, statusRankOf(state.status));
    own.boardAffected.set(
      labels,
      state.vendors.filter((v) => v.status !== 'operational' && v.status !== 'unknown').length,
    );
  }
  own.probeUp.reset();
  own.probeDuration.reset();
  for (const probe of probes) {
    const labels = { vendor: probe.vendorSlug, probe: probe.probe };
    own.probeUp.set(labels, probe.ok ? 1 : 0);
    own.probeDuration.set(labels, probe.durationMs / 1000);
  }
  setWorkerGauges(own.workerGauges, workers, Date.parse(now));
  for (const gauge of [own.vendorStatus, own.vendorUp, own.dataAge, own.componentStatus]) {
    gauge.reset();
  }
  own.activeIncidents.reset();
  const nowMs = Date.parse(now);
  for (const vendor of vendors) {
    const labels = { vendor: vendor.slug };
    own.vendorStatus.set(labels, statusRankOf(vendor.status));
    own.vendorUp.set(labels, vendor.health === 'ok' ? 1 : 0);
    if (vendor.lastSuccessAt) {
      own.dataAge.set(labels, Math.max(0, (nowMs - Date.parse(vendor.lastSuccessAt)) / 1000));
    }
    for (const impact of impacts) own.activeIncidents.set({ vendor: vendor.slug, impact }, 0);
  }
  const watched = new Set(vendors.map((vendor) => vendor.slug));
  for (const row of active) {
    if (watched.has(row.vendorSlug)) {
      own.activeIncidents.set({ vendor: row.vendorSlug, impact: row.impact }, row.count);
    }
  }
  for (const component of components) {
    own.componentStatus.set(
      { vendor: component.vendorSlug, component: component.name, group: component.group ?? '' },
      statusRankOf(component.status),
    );
  }
  setReportGauges(own.reportGauges, watched, window.incidents);
  const body = await metrics.registry.metrics();
  return c.body(body, 200, {
    'content-type': metrics.registry.contentType,
    'cache-control': 'no-store',
  });
}

function setWorkerGauges(gauges: WorkerGauges, workers: readonly WorkerView[], nowMs: number) {
  for (const gauge of Object.values(gauges) as Array<Gauge<string>>) gauge.reset();
  for (const view of workers) {
    const worker = { worker: view.id };
    gauges.up.set({ ...worker, host: view.host }, view.state === 'live' ? 1 : 0);
    gauges.polls.set(worker, view.polls);
    gauges.pollsPerSecond.set(worker, view.pollsPerSecond);
    gauges.vendorsHeld.set(worker, view.vendorsHeld);
    gauges.heartbeatAge.set(worker, Math.max(0, (nowMs - Date.parse(view.lastHeartbeatAt)) / 1000));
  }
}

function setReportGauges(
  gauges: ReportGauges,
  watched: ReadonlySet<string>,
  incidents: readonly IncidentWithUpdates[],
): void {
  for (const gauge of [
    gauges.resolveMedian,
    gauges.resolveP90,
    gauges.postmortemShare,
    gauges.updateGapMedian,
  ]) {
    gauge.reset();
  }
  const byVendor = new Map<string, IncidentWithUpdates[]>([...watched].map((slug) => [slug, []]));
  for (const incident of incidents) byVendor.get(incident.vendorSlug)?.push(incident);
  for (const [vendor, list] of byVendor) {
    const figures = vendorFigures(list);
    const set = (gauge: Gauge<'vendor'>, value: number | null) => {
      if (value !== null) gauge.set({ vendor }, value);
    };
    set(gauges.resolveMedian, figures.resolve.median);
    set(gauges.resolveP90, figures.resolve.p90);
    set(gauges.postmortemShare, figures.postmortem.share);
    set(gauges.updateGapMedian, figures.cadence.medianGapSeconds);
  }
}
