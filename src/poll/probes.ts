// The probe runner: the polling process's timers for probes of vendors' real endpoints
// (docs/contract.md#probes). Each probe runs on its own interval through the polls' fetcher (same
// address guard and deadlines), its result is stored, and each vendor's results go through the
// suspicion rule (domain/suspicion.ts) one at a time. Several workers share the vendors by
// rendezvous hashing over the live workers, so each vendor is probed by one worker at a time.
// The probes themselves come from the store (config sync, watch list, API) and are read again on
// every refresh, so a probe added, changed or removed there runs or stops without a restart.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { cycleFacts } from '../domain/cycle-facts.js';
import type { PlannedEvent } from '../domain/diff.js';
import type { VendorEvent } from '../domain/model.js';
import {
  judgeProbe,
  type ProbeResponse,
  type ProbeSpec,
  type ProbeVerdict,
} from '../domain/probe.js';
import { routeCycle, type RouteEvent } from '../domain/routing.js';
import {
  calmSuspicion,
  defaultSuspectAfter,
  stepSuspicion,
  type SuspicionAction,
  type SuspicionState,
} from '../domain/suspicion.js';
import type { FetchResult, Fetcher } from '../fetch/types.js';
import {
  clearSuspicion,
  hourOf,
  latestRolledHour,
  listLiveWorkerIds,
  listOpenSuspicions,
  listProbedVendors,
  listSuspicionsWithoutProbes,
  openSuspicion,
  probeRawKeepSeconds,
  recordProbeResult,
  rollUpProbeHours,
  vendorHasOpenIncident,
} from '../store/index.js';
import type { Database } from '../store/schema.js';
import { createNetworkWatch, type NetworkWatch } from './network-watch.js';

export interface ProbeResultReport {
  vendorSlug: string;
  probe: string;
  verdict: ProbeVerdict;
  durationMs: number;
}

export interface ProbeRunnerDeps {
  db: Kysely<Database>;
  fetcher: Fetcher;
  /** The global suspectAfter, for vendors stored without their own. */
  suspectAfter?: number;
  routeEvent: RouteEvent;
  now: () => Date;
  random?: () => number;
  /** The polls' network watch: while it says our own network is down, no suspicion is raised. */
  networkWatch?: NetworkWatch;
  /** This worker's id and lease length: vendors are shared among the live workers. */
  owner?: string;
  leaseSeconds?: number;
  /** False while this worker's lease may have run out: it probes nothing then. */
  leaseValid?: () => boolean;
  onEvents?: (events: VendorEvent[]) => void;
  onResult?: (report: ProbeResultReport) => void;
  onError?: (error: unknown) => void;
  /** How often the live workers and the stored probes are read again (tests shorten it). */
  refreshMs?: number;
}

export interface ProbeRunner {
  /** Whether this worker holds the vendor suspected (the store's isVendorSuspected is authoritative). */
  suspected(vendorSlug: string): boolean;
  /** Rolls finished hours up now (tests; the runner does it every few minutes). */
  rollUp(): Promise<number>;
  stop(): Promise<void>;
}

const ownershipRefreshMs = 5_000;
const rollUpEveryMs = 5 * 60_000;

/** The worker with the highest hash of (worker, vendor) probes the vendor. */
export function probeOwner(workers: readonly string[], vendorSlug: string): string | null {
  let best: string | null = null;
  let bestHash = '';
  for (const worker of workers) {
    const hash = createHash('sha1').update(`${worker}\n${vendorSlug}`).digest('hex');
    if (best === null || hash > bestHash) {
      best = worker;
      bestHash = hash;
    }
  }
  return best;
}

function responseOf(result: FetchResult): ProbeResponse {
  if (result.ok) {
    return {
      kind: 'answered',
      status: result.status,
      body: result.notModified ? null : result.body,
    };
  }
  const { error } = result;
  // An HTTP error status is an answer the probe's expectation judges (it may expect a 404).
  if (
    error.kind === 'http' &&
    error.status !== undefined &&
    (error.status < 300 || error.status >= 400)
  ) {
    return { kind: 'answered', status: error.status, body: null };
  }
  const reached = error.kind === 'http' || error.kind === 'too_large' || error.kind === 'parse';
  return { kind: 'failed', reached, error: error.message };
}

/** One probe's timer; a cancelled one (removed or changed in the store) never runs again. */
interface ProbeTimer {
  spec: ProbeSpec;
  /** The spec as stored: a different one restarts the probe. */
  key: string;
  cancelled: boolean;
  timer: NodeJS.Timeout | null;
}

interface VendorRun {
  slug: string;
  suspectAfter: number;
  probes: Map<string, ProbeTimer>;
  state: SuspicionState;
  /** Probes whose latest result failed, with that result's error. */
  failing: Map<string, string>;
  /** Decisions run one at a time per vendor, in result order. */
  chain: Promise<void>;
}

export function startProbeRunner(deps: ProbeRunnerDeps): ProbeRunner {
  const random = deps.random ?? Math.random;
  // Probes feed a watch of their own: most probes unreachable at once is our network too.
  const probeWatch = createNetworkWatch({ now: deps.now });
  const runs = new Map<string, VendorRun>();
  const timers = new Set<NodeJS.Timeout>();
  // Stopping cuts probes in flight short: a shutdown never waits out a probe's timeout.
  const stopping = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let workers: string[] = [];
  let ready: Promise<void> = Promise.resolve();

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };

  const mine = (slug: string): boolean => {
    if (deps.leaseValid && !deps.leaseValid()) return false;
    if (!deps.owner || workers.length === 0) return true;
    return probeOwner(workers, slug) === deps.owner;
  };

  async function refreshWorkers(): Promise<void> {
    if (!deps.owner) return;
    const live = await listLiveWorkerIds(deps.db, deps.now().toISOString(), deps.leaseSeconds ?? 6);
    workers = live.includes(deps.owner) ? live : [...live, deps.owner].sort();
  }

  /** A vendor that starts running here picks up its open suspicion from the store. */
  async function loadOpen(started: ReadonlySet<string>): Promise<void> {
    for (const open of await listOpenSuspicions(deps.db)) {
      const run = started.has(open.vendorSlug) ? runs.get(open.vendorSlug) : undefined;
      if (run) {
        run.state = {
          ...run.state,
          open: { firstSignalAt: open.firstSignalAt, suspectedAt: open.suspectedAt },
        };
      }
    }
  }

  const degraded = (): boolean => (deps.networkWatch?.degraded() ?? false) || probeWatch.degraded();

  async function decide(run: VendorRun, verdict: ProbeVerdict, at: string): Promise<void> {
    // A vendor forgotten since (its probes removed) decides nothing: its suspicion is cleared.
    if (runs.get(run.slug) !== run) return;
    const slug = run.slug;
    const vendorHasIncident = verdict.ok ? false : await vendorHasOpenIncident(deps.db, slug);
    const step = stepSuspicion(
      run.state,
      { ok: verdict.ok, at, networkDegraded: degraded(), vendorHasOpenIncident: vendorHasIncident },
      run.suspectAfter,
    );
    run.state = step.state;
    const events = await act(run, step.action, at);
    if (events.length > 0) deps.onEvents?.(events);
  }

  async function act(run: VendorRun, action: SuspicionAction, at: string): Promise<VendorEvent[]> {
    if (action.kind === 'none') return [];
    const slug = run.slug;
    if (action.kind === 'suspect') {
      const probes = [...run.failing.keys()].sort();
      const error = run.failing.get(probes[0] ?? '') ?? null;
      const event = plannedEvent('vendor.suspected', slug, at, {
        firstSignalAt: { from: null, to: action.firstSignalAt },
        failures: { from: null, to: action.failures },
        probes: { from: null, to: probes },
        ...(error ? { error: { from: null, to: error } } : {}),
      });
      return openSuspicion(
        deps.db,
        { vendorSlug: slug, firstSignalAt: action.firstSignalAt, suspectedAt: at, probes, error },
        route(event),
      );
    }
    const event = plannedEvent('vendor.suspicion_cleared', slug, at, {
      firstSignalAt: { from: null, to: action.firstSignalAt },
      suspectedAt: { from: null, to: action.suspectedAt },
      because: { from: null, to: action.because },
    });
    return clearSuspicion(deps.db, slug, at, route(event));
  }

  function route(event: PlannedEvent) {
    return routeCycle([event], cycleFacts(null, { incidents: [] }), new Map(), deps.routeEvent)[0]!;
  }

  async function runProbe(run: VendorRun, probe: ProbeTimer): Promise<void> {
    const { spec } = probe;
    const slug = run.slug;
    const startedAt = deps.now();
    const started = performance.now();
    const result = await deps.fetcher.fetch({
      url: spec.url,
      method: spec.method,
      accept: '*/*',
      timeoutMs: spec.timeoutSeconds * 1000,
      signal: stopping.signal,
    });
    // A probe cut short by the stop says nothing about the vendor, and one removed or changed
    // while in flight is no longer the vendor's probe: nothing is recorded.
    if (stopping.signal.aborted || probe.cancelled) return;
    const durationMs = performance.now() - started;
    const verdict = judgeProbe(spec, responseOf(result));
    const at = startedAt.toISOString();
    await recordProbeResult(deps.db, {
      vendorSlug: slug,
      probe: spec.name,
      url: spec.url,
      at,
      ok: verdict.ok,
      status: verdict.status,
      durationMs,
      error: verdict.error,
    });
    probeWatch.observe(`${slug}\n${spec.name}`, verdict.reached);
    if (verdict.ok) run.failing.delete(spec.name);
    else run.failing.set(spec.name, verdict.error ?? 'failed');
    deps.onResult?.({ vendorSlug: slug, probe: spec.name, verdict, durationMs });
    run.chain = run.chain
      .then(() => decide(run, verdict, at))
      .catch((error: unknown) => deps.onError?.(error));
    await run.chain;
  }

  function schedule(run: VendorRun, probe: ProbeTimer, delayMs: number): void {
    if (stopped || probe.cancelled) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      probe.timer = null;
      if (stopped || probe.cancelled) return;
      const startedMs = Date.now();
      const task = mine(run.slug) ? runProbe(run, probe) : Promise.resolve();
      void track(
        task
          .catch((error: unknown) => deps.onError?.(error))
          .finally(() => {
            // The next run is an interval after this one started, or at once when it overran.
            const next = startedMs + probe.spec.intervalSeconds * 1000 - Date.now();
            schedule(run, probe, Math.max(0, next));
          }),
      );
    }, delayMs);
    probe.timer = timer;
    timers.add(timer);
  }

  function cancel(run: VendorRun, probe: ProbeTimer): void {
    probe.cancelled = true;
    if (probe.timer) {
      clearTimeout(probe.timer);
      timers.delete(probe.timer);
      probe.timer = null;
    }
    run.probes.delete(probe.spec.name);
    run.failing.delete(probe.spec.name);
  }

  /**
   * Reads the stored probes and brings the timers in line: probes that appeared start (spread
   * over half their interval), removed ones stop, changed ones restart with their new spec. A
   * vendor left with no probes is forgotten, and its open suspicion cleared (`probes removed`).
   */
  async function reload(): Promise<void> {
    const stored = await listProbedVendors(deps.db);
    if (stopped) return;
    const started = new Set<string>();
    const fresh: Array<[VendorRun, ProbeTimer]> = [];
    for (const vendor of stored) {
      let run = runs.get(vendor.slug);
      if (!run) {
        run = {
          slug: vendor.slug,
          suspectAfter: 0,
          probes: new Map(),
          state: calmSuspicion,
          failing: new Map(),
          chain: Promise.resolve(),
        };
        runs.set(vendor.slug, run);
        started.add(vendor.slug);
      }
      run.suspectAfter = vendor.suspectAfter ?? deps.suspectAfter ?? defaultSuspectAfter;
      const wanted = new Map(vendor.probes.map((spec) => [spec.name, JSON.stringify(spec)]));
      for (const probe of [...run.probes.values()]) {
        if (wanted.get(probe.spec.name) !== probe.key) cancel(run, probe);
      }
      for (const spec of vendor.probes) {
        if (run.probes.has(spec.name)) continue;
        const probe: ProbeTimer = {
          spec,
          key: wanted.get(spec.name)!,
          cancelled: false,
          timer: null,
        };
        run.probes.set(spec.name, probe);
        fresh.push([run, probe]);
      }
    }
    const kept = new Set(stored.map((vendor) => vendor.slug));
    for (const [slug, run] of runs) {
      if (kept.has(slug)) continue;
      for (const probe of [...run.probes.values()]) cancel(run, probe);
      runs.delete(slug);
    }
    if (started.size > 0) await loadOpen(started);
    // Spread over half an interval: every probe's first result comes before any second one.
    for (const [run, probe] of fresh) {
      schedule(run, probe, random() * probe.spec.intervalSeconds * 500);
    }
    await clearWithoutProbes();
  }

  async function clearWithoutProbes(): Promise<void> {
    for (const open of await listSuspicionsWithoutProbes(deps.db)) {
      if (stopped || runs.has(open.vendorSlug) || !mine(open.vendorSlug)) continue;
      const at = deps.now().toISOString();
      const event = plannedEvent('vendor.suspicion_cleared', open.vendorSlug, at, {
        firstSignalAt: { from: null, to: open.firstSignalAt },
        suspectedAt: { from: null, to: open.suspectedAt },
        because: { from: null, to: 'probes removed' },
      });
      const events = await clearSuspicion(deps.db, open.vendorSlug, at, route(event));
      if (events.length > 0) deps.onEvents?.(events);
    }
  }

  async function rollUp(): Promise<number> {
    const now = deps.now().toISOString();
    const latest = await latestRolledHour(deps.db);
    const oldest = new Date(Date.parse(now) - probeRawKeepSeconds * 1000).toISOString();
    const from = hourOf(latest !== null && latest > oldest ? latest : oldest);
    return rollUpProbeHours(deps.db, from, hourOf(now));
  }

  function every(ms: number, task: () => Promise<unknown>): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void track(task().catch((error: unknown) => deps.onError?.(error))).finally(() =>
        every(ms, task),
      );
    }, ms);
    timers.add(timer);
  }

  const refresh = async () => {
    await refreshWorkers();
    await reload();
  };
  ready = track(refresh().catch((error: unknown) => deps.onError?.(error)));
  void ready.then(() => every(deps.refreshMs ?? ownershipRefreshMs, refresh));
  every(rollUpEveryMs, async () => {
    // One worker rolls up (the lowest id); the roll-up is idempotent if two briefly do.
    if (!deps.owner || workers[0] === undefined || workers[0] === deps.owner) await rollUp();
  });

  return {
    suspected: (slug) => runs.get(slug)?.state.open != null,
    rollUp,
    async stop() {
      stopped = true;
      stopping.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([ready, ...inFlight]);
    },
  };
}

function plannedEvent(
  type: 'vendor.suspected' | 'vendor.suspicion_cleared',
  vendorSlug: string,
  at: string,
  changes: PlannedEvent['changes'],
): PlannedEvent {
  return { type, vendorSlug, incidentId: null, updateId: null, component: null, changes, at };
}
