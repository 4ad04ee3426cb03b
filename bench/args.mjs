// The bench's flags and the settings they select. The defaults are the target scenario (10,000
// vendors polled every 30 s, docs/contract.md#quality-targets); --quick is a ~1-minute smoke run
// that still goes through every phase.
import { parseArgs } from 'node:util';
import { defaultPostgresUrl } from './pg-databases.mjs';

const fullDefaults = {
  vendors: 10000,
  interval: 30,
  duration: 90,
  saturationSeconds: 20,
  baselineSeconds: 20,
  warmupLimitSeconds: 120,
};

const quickDefaults = {
  vendors: 600,
  interval: 5,
  duration: 15,
  saturationSeconds: 6,
  baselineSeconds: 6,
  warmupLimitSeconds: 40,
};

const usage = `usage: node bench/run.mjs [--vendors N] [--interval S] [--duration S] [--quick]
  --vendors N          simulated vendors, each on its own 127.0.x.y address (default 10000)
  --interval S         poll interval of the latency run, seconds (default 30)
  --duration S         measured length of the latency run, seconds (default 90)
  --saturation S       length of each throughput measurement, seconds (default 20)
  --incident-rate R    simulator: chance per vendor per second that an incident opens (default 0.002)
  --seed N             simulator seed (default 1)
  --only LIST          run only these phases (comma-separated:
                       baseline,saturation,latency,serve,groups,workers)
                       groups: interval / fast polling / push latency in one serve run (~2.5 min alone:
                       node bench/run.mjs --only groups)
  --group-vendors N    vendors of the groups phase (default 2000, a third per group)
  --group-changes N    changes per group in its window (default 60: the one webhook target keeps up)
  --workers LIST       workers phase: worker counts, each with 1 web on a fresh PostgreSQL database
                       (default 1,2,3; ~3 min: node bench/run.mjs --only workers)
  --worker-vendors N   vendors of the workers phase (default 1000, its own simulator)
  --worker-interval S  poll interval of the workers phase, seconds (default 1: saturation)
  --worker-window S    measured window per worker count, seconds (default 30)
  --worker-analyze     ANALYZE each database after the first full round, as autovacuum would
                       (a server with autovacuum off, like this machine's, never gathers statistics)
  --postgres URL       server for the workers phase's scratch databases
                       (default postgres://postgres@127.0.0.1:5432/postgres)
  --heap-snapshot DIR  the serve phase writes a heap snapshot of serve into DIR at the window's end
  --profile            CPU-profile the poller children's measured window; print their top frames
  --alloc              sample the poller children's allocations in the measured window; print KB
                       per poll and the top allocating frames
  --quick              smoke run: 600 vendors, short phases (~1 minute; the workers phase:
                       300 vendors, 1 and 2 workers, 10 s windows, ~1 minute more)`;

export const phaseNames = ['baseline', 'saturation', 'latency', 'serve', 'groups', 'workers'];

function positiveNumber(raw, name, integer) {
  const value = Number(raw);
  const valid = Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!valid) throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}`);
  return value;
}

/** Parsed settings, or null after printing the usage for --help. */
export function parseBenchArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      vendors: { type: 'string' },
      interval: { type: 'string' },
      duration: { type: 'string' },
      saturation: { type: 'string' },
      'incident-rate': { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      'heap-snapshot': { type: 'string' },
      'group-vendors': { type: 'string' },
      'group-changes': { type: 'string' },
      workers: { type: 'string' },
      'worker-vendors': { type: 'string' },
      'worker-interval': { type: 'string' },
      'worker-window': { type: 'string' },
      'worker-analyze': { type: 'boolean', default: false },
      postgres: { type: 'string' },
      profile: { type: 'boolean', default: false },
      alloc: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return null;
  }
  const base = values.quick ? quickDefaults : fullDefaults;
  const incidentRate =
    values['incident-rate'] === undefined ? 0.002 : Number(values['incident-rate']);
  if (!(incidentRate >= 0 && incidentRate <= 1))
    throw new Error('--incident-rate must be in [0, 1]');
  const vendors = values.vendors ? positiveNumber(values.vendors, 'vendors', true) : base.vendors;
  if (vendors > 20_000) throw new Error('--vendors must be at most 20000 (one address each)');
  if (Number(values['worker-vendors']) > 20_000)
    throw new Error('--worker-vendors must be at most 20000 (one address each)');
  const only = values.only ? values.only.split(',').map((name) => name.trim()) : phaseNames;
  const unknown = only.filter((name) => !phaseNames.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `--only: unknown phase ${unknown.join(', ')} (known: ${phaseNames.join(', ')})`,
    );
  }
  return {
    phases: only,
    heapSnapshotDir: values['heap-snapshot'] ?? null,
    quick: values.quick,
    profile: values.profile,
    alloc: values.alloc,
    vendors,
    intervalSeconds: values.interval
      ? positiveNumber(values.interval, 'interval', true)
      : base.interval,
    durationSeconds: values.duration
      ? positiveNumber(values.duration, 'duration', false)
      : base.duration,
    saturationSeconds: values.saturation
      ? positiveNumber(values.saturation, 'saturation', false)
      : base.saturationSeconds,
    baselineSeconds: values.saturation
      ? positiveNumber(values.saturation, 'saturation', false)
      : base.baselineSeconds,
    warmupLimitSeconds: base.warmupLimitSeconds,
    incidentRate,
    seed: values.seed ? positiveNumber(values.seed, 'seed', true) : 1,
    // The groups phase: its own simulator and serve, bounded to about 2.5 minutes.
    groupVendors: values['group-vendors']
      ? positiveNumber(values['group-vendors'], 'group-vendors', true)
      : values.quick
        ? 300
        : 2000,
    groupChanges: values['group-changes']
      ? positiveNumber(values['group-changes'], 'group-changes', true)
      : values.quick
        ? 30
        : 60,
    groupWindowSeconds: values.quick ? 20 : 60,
    groups: { intervalSeconds: values.quick ? 10 : 30, activeIntervalSeconds: 10 },
    // The workers phase: its own simulator, a fresh database and processes per worker count.
    workers: {
      postgresUrl: values.postgres ?? defaultPostgresUrl,
      analyze: values['worker-analyze'],
      workerCounts: values.workers
        ? values.workers.split(',').map((n) => positiveNumber(n.trim(), 'workers', true))
        : values.quick
          ? [1, 2]
          : [1, 2, 3],
      vendors: values['worker-vendors']
        ? positiveNumber(values['worker-vendors'], 'worker-vendors', true)
        : values.quick
          ? 300
          : 1000,
      intervalSeconds: values['worker-interval']
        ? positiveNumber(values['worker-interval'], 'worker-interval', true)
        : 1,
      windowSeconds: values['worker-window']
        ? positiveNumber(values['worker-window'], 'worker-window', false)
        : values.quick
          ? 10
          : 30,
    },
  };
}
