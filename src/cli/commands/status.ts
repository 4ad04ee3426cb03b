// status: the current state of every watched vendor, from the store, and a warning when most
// pages got no answer at all (vendorwatch's own network, as the dashboard banner says). Health
// and reasons read as on the dashboard: `failing (never succeeded)`, LAST READ `never`.
import { failureReason } from '../../domain/failure-reason.js';
import { healthPhrase } from '../../domain/health.js';
import { looksLikeOwnNetworkDown } from '../../domain/own-network.js';
import {
  listVendorStatuses,
  listWorkers,
  migrateToLatest,
  openStore,
  workerLeaseSeconds,
  type WorkerView,
} from '../../store/index.js';
import { defineCommand, parseCommandArgs } from '../args.js';
import { configFor, print, type CommandIo } from '../io.js';
import { formatAge, formatTable } from '../table.js';

export const statusCommand = defineCommand({
  synopsis: 'status [--json]',
  summary:
    'The current state of every watched vendor: status, health, active incidents, last read and try, why it fails.',
  options: { json: { type: 'boolean' } },
  help: { json: { text: 'print JSON' } },
});

export async function runStatus(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(argv, statusCommand.options, 0);
  const config = configFor(io, values);
  const store = await openStore(config.databaseUrl);
  try {
    await migrateToLatest(store);
    const now = new Date();
    const vendors = await listVendorStatuses(store.db, now.toISOString());
    const workers = await listWorkers(store.db, {
      now: now.toISOString(),
      leaseSeconds: workerLeaseSeconds,
    });
    if (values.json) {
      // errorReason beside error, as GET /api/v1/vendors gives it; workers as /api/v1/workers.
      const withReasons = vendors.map((v) =>
        v.error === null ? v : { ...v, errorReason: failureReason(v.error) },
      );
      print(io.stdout, JSON.stringify({ vendors: withReasons, workers }, null, 2));
      return 0;
    }
    if (vendors.length === 0) {
      print(io.stdout, 'no vendors in the store yet: run `vendorwatch serve` first');
      return 0;
    }
    const rows = vendors.map((v) => [
      v.slug,
      v.status,
      // A paused vendor is not polled: its age is no failure.
      v.paused ? 'paused (not polled)' : healthPhrase(v.health, v.lastSuccessAt),
      String(v.activeIncidents),
      formatAge(v.lastSuccessAt, now),
      formatAge(v.lastPolledAt, now),
      v.error ? failureReason(v.error) : '',
      v.error ?? '',
    ]);
    const headers = ['VENDOR', 'STATUS', 'HEALTH', 'ACTIVE', 'LAST READ', 'LAST TRIED', 'REASON'];
    print(io.stdout, formatTable([...headers, 'ERROR'], rows));
    const counts = {
      unreached: vendors.filter((v) => v.unreached).length,
      observed: vendors.length,
    };
    if (looksLikeOwnNetworkDown(counts)) {
      print(
        io.stdout,
        `\n${counts.unreached} of ${counts.observed} status pages gave no answer at all: ` +
          "vendorwatch's own network may be down; vendor-unreachable alerts are held until it recovers",
      );
    }
    if (workers.length > 0) print(io.stdout, `\n${workerTable(workers, now)}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** Live workers, then those gone within the last day with when their vendors were taken over. */
function workerTable(workers: readonly WorkerView[], now: Date): string {
  const rows = workers.map((w) => [
    w.id,
    w.state === 'live' ? 'live' : `gone (${w.goneReason ?? 'heartbeat lost'})`,
    w.host,
    String(w.pid),
    formatAge(w.startedAt, now),
    formatAge(w.lastHeartbeatAt, now),
    w.state === 'live' ? String(w.vendorsHeld) : '',
    w.state === 'live' ? w.pollsPerSecond.toFixed(1) : '',
    w.takenOverAt ? formatAge(w.takenOverAt, now) : '',
  ]);
  const headers = ['WORKER', 'STATE', 'HOST', 'PID', 'STARTED', 'HEARTBEAT', 'HELD', 'POLLS/S'];
  return formatTable([...headers, 'TAKEN OVER'], rows);
}
