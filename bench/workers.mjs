// The workers phase of `npm run bench` on its own (workers-phase.mjs): 1, 2 and 3
// `vendorwatch worker`s + 1 `web` on one PostgreSQL database over one simulator fleet, printed as
// the multi-worker table with the whole result as JSON. Usage: node bench/workers.mjs
// [--postgres URL] [--vendors 1000] [--interval 1] [--window 30] [--workers 1,2,3]
// [--incident-rate 0.002] [--analyze] [--bin dist/cli/bin.js]. `node bench/run.mjs --only
// workers` is the same with the bench's table and results file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killAllChildrenNow, planFileLimit, stopAllChildren } from './children.mjs';
import { defaultPostgresUrl, dropAllBenchDatabases } from './pg-databases.mjs';
import { formatWorkersTable } from './report.mjs';
import { loadAverage } from './stats.mjs';
import { defaultBin, runWorkers } from './workers-phase.mjs';

const { values } = parseArgs({
  options: {
    postgres: { type: 'string', default: defaultPostgresUrl },
    vendors: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '1' },
    window: { type: 'string', default: '30' },
    workers: { type: 'string', default: '1,2,3' },
    'incident-rate': { type: 'string', default: '0.002' },
    bin: { type: 'string', default: defaultBin },
    analyze: { type: 'boolean', default: false },
  },
});
const vendors = Number(values.vendors);
const tempDir = await mkdtemp(join(tmpdir(), 'vw-bench-workers-'));
const log = (text) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);

async function cleanUp() {
  await stopAllChildren();
  await dropAllBenchDatabases();
  await rm(tempDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
}
process.on('exit', killAllChildrenNow);

try {
  const loadAverageAtStart = loadAverage();
  const result = await runWorkers(
    {
      postgresUrl: values.postgres,
      vendors,
      intervalSeconds: Number(values.interval),
      windowSeconds: Number(values.window),
      workerCounts: values.workers.split(',').map(Number),
      incidentRate: Number(values['incident-rate']),
      seed: 16,
      warmupLimitSeconds: 120,
      tempDir,
      // The simulator: a listener and a few connections per vendor, and as many per worker.
      raiseTo: planFileLimit(vendors * 4 + 2048).raiseTo,
      bin: values.bin,
      analyze: values.analyze,
    },
    log,
  );
  console.log(JSON.stringify({ loadAverageAtStart, ...result }, null, 2));
  console.log(`\n${formatWorkersTable(result)}\n(${values.bin})`);
  for (const failure of result.failed) {
    console.log(`ERROR with ${failure.workers} worker(s): ${failure.message}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
