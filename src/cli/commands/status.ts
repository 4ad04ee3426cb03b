// status: the current state of every watched vendor, from the store, and a warning when most
// pages got no answer at all (vendorwatch's own network, as the dashboard banner says).
import { looksLikeOwnNetworkDown } from '../../domain/own-network.js';
import { listVendorStatuses, migrateToLatest, openStore } from '../../store/index.js';
import { defineCommand, parseCommandArgs } from '../args.js';
import { configFor, print, type CommandIo } from '../io.js';
import { formatAge, formatTable } from '../table.js';

export const statusCommand = defineCommand({
  synopsis: 'status [--json]',
  summary:
    'The current state of every watched vendor: status, health, active incidents, last check.',
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
    if (values.json) {
      print(io.stdout, JSON.stringify({ vendors }, null, 2));
      return 0;
    }
    if (vendors.length === 0) {
      print(io.stdout, 'no vendors in the store yet: run `vendorwatch serve` first');
      return 0;
    }
    const rows = vendors.map((v) => [
      v.slug,
      v.status,
      v.health,
      String(v.activeIncidents),
      formatAge(v.lastSuccessAt, now),
      v.error ?? '',
    ]);
    print(
      io.stdout,
      formatTable(['VENDOR', 'STATUS', 'HEALTH', 'ACTIVE', 'CHECKED', 'ERROR'], rows),
    );
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
    return 0;
  } finally {
    await store.close();
  }
}
