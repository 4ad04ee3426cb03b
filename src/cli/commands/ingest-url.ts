// ingest-url SLUG: the URL a vendor's webhook subscription should post to. The token is made on
// first use and kept, so running it again prints the same URL.
import { configuredVendors } from '../../app/fetcher.js';
import {
  issueIngestToken,
  migrateToLatest,
  openStore,
  syncConfigVendors,
} from '../../store/index.js';
import { defineCommand, parseCommandArgs, UsageError } from '../args.js';
import { configFor, printError, print, type CommandIo } from '../io.js';

export const ingestUrlCommand = defineCommand({
  synopsis: 'ingest-url SLUG',
  summary:
    "The push URL for a vendor's own webhooks (POST /ingest/SLUG/TOKEN): a push makes vendorwatch poll that vendor at once.",
  options: {},
  help: {},
});

export async function runIngestUrl(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, ingestUrlCommand.options, 1);
  const slug = positionals[0];
  if (!slug) throw new UsageError('ingest-url needs a vendor slug');
  const config = configFor(io, values);
  const store = await openStore(config.databaseUrl);
  try {
    await migrateToLatest(store);
    let token = await issueIngestToken(store.db, slug);
    // A vendor of the config that `serve` has not synced yet gets its row here, as serve would.
    if (token === null && config.vendors.some((vendor) => vendor.slug === slug)) {
      const vendors = configuredVendors(config.vendors);
      await syncConfigVendors(store.db, vendors, new Date().toISOString());
      token = await issueIngestToken(store.db, slug);
    }
    if (token === null) {
      printError(
        io,
        'ingest-url',
        `no vendor "${slug}" in the store; list them with \`vendorwatch vendors\``,
      );
      return 1;
    }
    const base = config.server.publicUrl ?? `http://${config.server.host}:${config.server.port}`;
    print(io.stdout, `${base}/ingest/${encodeURIComponent(slug)}/${token}`);
    if (!config.server.publicUrl) {
      printError(
        io,
        'ingest-url',
        'server.publicUrl is not set, so this is the local address; set it to the address vendors reach',
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
