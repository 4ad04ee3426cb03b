// add URL|SLUG: detect a status page's platform and store it as a vendor (source 'api'); a running
// `serve` on the same database claims it at its next scheduling pass, with no restart.
import { parseDurationSeconds } from '../../config/duration.js';
import { slugPattern } from '../../config/schema.js';
import type { Vendor } from '../../domain/model.js';
import { categories, isOneOf, type Category } from '../../domain/vocabulary.js';
import { createConfiguredFetcher } from '../../app/fetcher.js';
import { createVendorDetector } from '../../poll/detect-vendor.js';
import { findWatchConflict, migrateToLatest, openStore, syncVendors } from '../../store/index.js';
import { defineCommand, parseCommandArgs, UsageError } from '../args.js';
import { configFor, print, printError, type CommandIo } from '../io.js';

const maxIntervalSeconds = 86_400;

export const addCommand = defineCommand({
  synopsis: 'add URL|SLUG [--slug S] [--name N] [--interval 60s] [--category C] [--json]',
  summary: 'Watch a new vendor: detect the platform of a status page, or take a catalog entry.',
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    interval: { type: 'string' },
    category: { type: 'string' },
    json: { type: 'boolean' },
  },
  help: {
    slug: { arg: 'S', text: 'the vendor slug: lowercase letters, digits and dashes' },
    name: { arg: 'N', text: 'the display name' },
    interval: { arg: 'DURATION', text: 'poll interval, 1s to 1d, e.g. 60s (default: the config)' },
    category: { arg: 'C', text: `one of ${categories.join(', ')}` },
    json: { text: 'print the stored vendor as JSON' },
  },
});

export async function runAdd(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, addCommand.options, 1);
  const url = positionals[0];
  const isUrl = url !== undefined && /^https?:\/\//i.test(url) && URL.canParse(url);
  if (!url || (!isUrl && !slugPattern.test(url)))
    throw new UsageError('add needs an http(s) status page URL or a catalog slug');
  if (values.slug !== undefined && !slugPattern.test(values.slug))
    throw new UsageError('--slug must be lowercase letters, digits and dashes (at most 63)');
  const name = values.name?.trim();
  if (values.name !== undefined && (!name || name.length > 200))
    throw new UsageError('--name must be 1 to 200 characters');
  const category = values.category === undefined ? null : parseCategory(values.category);
  const config = configFor(io, values);
  const intervalSeconds = parseInterval(values.interval) ?? config.pollIntervalSeconds;

  const store = await openStore(config.databaseUrl);
  let vendor: Vendor;
  let detection;
  try {
    await migrateToLatest(store);
    // A given slug and the pasted URL are checked before any request goes out.
    const before = await findWatchConflict(store.db, { slug: values.slug ?? null, urls: [url] });
    if (before) return refuse(io, before.message, before.slug === values.slug);
    const fetcher = createConfiguredFetcher(config);
    const detect = createVendorDetector(fetcher, {
      allowPrivateAddresses: config.network.allowPrivateAddresses,
      allowedPrivateRanges: config.network.allowedPrivateRanges,
    });
    try {
      detection = await detect(url, undefined, { nameGiven: name !== undefined });
    } finally {
      await fetcher.close();
    }
    if (!detection.ok) {
      const tried = detection.tried.length > 0 ? `; tried ${detection.tried.join(', ')}` : '';
      printError(io, 'add', `${detection.error}${tried}`);
      return 1;
    }
    vendor = {
      slug: values.slug ?? detection.suggestedSlug,
      name: name ?? detection.suggestedName,
      statusPageUrl: detection.statusPageUrl,
      platform: detection.platform,
      category: category ?? detection.suggestedCategory ?? 'other',
      intervalSeconds,
    };
    const after = await findWatchConflict(store.db, {
      slug: vendor.slug,
      urls: [detection.statusPageUrl],
    });
    if (after) return refuse(io, after.message, after.slug === vendor.slug);
    await syncVendors(store.db, [vendor], 'api', new Date().toISOString());
  } finally {
    await store.close();
  }
  const { confidence, evidence } = detection;
  if (values.json) {
    print(io.stdout, JSON.stringify({ vendor, confidence, evidence }, null, 2));
  } else {
    print(
      io.stdout,
      `added ${vendor.slug}: ${vendor.platform} (${confidence} confidence: ${evidence})\n` +
        `url: ${vendor.statusPageUrl}, every ${vendor.intervalSeconds}s`,
    );
  }
  return 0;
}

function refuse(io: CommandIo, message: string, slugTaken: boolean): number {
  printError(io, 'add', `${message}${slugTaken ? ' (pass --slug)' : ''}`);
  return 1;
}

function parseCategory(value: string): Category {
  if (!isOneOf(categories, value))
    throw new UsageError(`--category must be one of ${categories.join(', ')}`);
  return value;
}

function parseInterval(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = parseDurationSeconds(value);
  if (seconds === null || !Number.isInteger(seconds) || seconds < 1 || seconds > maxIntervalSeconds)
    throw new UsageError('--interval must be whole seconds between 1s and 1d, e.g. 60s or 5m');
  return seconds;
}
