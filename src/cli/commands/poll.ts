// poll URL|SLUG [--json]: fetch once and print the normalized snapshot; saves nothing.
import { getAdapter } from '../../adapters/registry.js';
import { loadCatalog } from '../../config/catalog.js';
import type { AppConfig } from '../../config/load.js';
import { didYouMean, nearestNames } from '../../config/nearest.js';
import { toIncident, toUpdate } from '../../domain/diff-incidents.js';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { isOneOf, type Platform } from '../../domain/vocabulary.js';
import { platforms } from '../../adapters/registry.js';
import type { Fetcher } from '../../fetch/types.js';
import { createConfiguredFetcher } from '../../app/fetcher.js';
import { detectPlatform } from '../../poll/detect.js';
import { defineCommand, parseCommandArgs, UsageError } from '../args.js';
import { configFor, print, type CommandIo } from '../io.js';
import { formatTable } from '../table.js';

interface Target {
  slug: string;
  url: string;
  platform: Platform | null;
}

export const pollCommand = defineCommand({
  synopsis: 'poll URL|SLUG [--json] [--platform P]',
  summary: 'Fetch a status page once and print the normalized snapshot; saves nothing.',
  options: { json: { type: 'boolean' }, platform: { type: 'string' } },
  help: {
    json: { text: 'print the snapshot as JSON' },
    platform: { arg: 'P', text: `skip detection: one of ${platforms.join(', ')}` },
  },
});

export async function runPoll(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, pollCommand.options, 1);
  const config = configFor(io, values);
  const fetcher = createConfiguredFetcher(config);
  try {
    const { target, platform, url } = await locateVendor('poll', positionals[0], values, {
      config,
      fetcher,
    });
    const snapshot = await pollOnce(fetcher, url, platform);
    const now = new Date().toISOString();
    if (values.json) {
      print(io.stdout, JSON.stringify(toJson(snapshot, target.slug, now), null, 2));
    } else {
      print(io.stdout, describeSnapshot(snapshot, target));
    }
    return 0;
  } finally {
    await fetcher.close();
  }
}

/**
 * The vendor that `poll` and `capture` were given (a URL, or a configured or catalog slug), and
 * its platform: `--platform` when given, else the configured one, else detected.
 */
export async function locateVendor(
  command: string,
  arg: string | undefined,
  options: { platform?: string | undefined },
  deps: { config: AppConfig; fetcher: Fetcher },
): Promise<{ target: Target; platform: Platform; url: string }> {
  if (!arg) throw new UsageError(`${command} needs a status page URL or a vendor slug`);
  if (options.platform !== undefined && !isOneOf(platforms, options.platform)) {
    throw new UsageError(`--platform must be one of ${platforms.join(', ')}`);
  }
  const target = resolveTarget(arg, deps.config, options.platform);
  const { platform, url } = target.platform
    ? { platform: target.platform, url: target.url }
    : await detectOrFail(deps.fetcher, target.url);
  return { target, platform, url };
}

export function resolveTarget(
  arg: string,
  config: AppConfig,
  platform: Platform | undefined,
): Target {
  const configured = config.vendors.find((v) => v.slug === arg);
  const known = configured ?? loadCatalog().bySlug.get(arg);
  if (known) {
    const url = 'statusPageUrl' in known ? known.statusPageUrl : known.url;
    return { slug: known.slug, url, platform: platform ?? known.platform };
  }
  if (!/^https?:\/\//i.test(arg) || !URL.canParse(arg)) {
    const slugs = [...config.vendors.map((v) => v.slug), ...loadCatalog().bySlug.keys()];
    const near = nearestNames(arg, new Set(slugs));
    const next = near.length > 0 ? didYouMean(near) : ` (search: vendorwatch vendors ${arg})`;
    throw new UsageError(`"${arg}" is neither a known vendor slug nor an http(s) URL${next}`, {
      pointsToHelp: false,
    });
  }
  return {
    slug: new URL(arg).hostname.replace(/[^a-z0-9]+/gi, '-').toLowerCase(),
    url: arg,
    platform: platform ?? null,
  };
}

/** The platform and the URL detection normalized (a feed's own URL, a status.io page id). */
export async function detectOrFail(
  fetcher: Fetcher,
  url: string,
): Promise<{ platform: Platform; url: string }> {
  const detection = await detectPlatform(fetcher, url);
  if (!detection.ok)
    throw new PollFailure(`could not detect the platform of ${url}: ${detection.error}`);
  return { platform: detection.platform, url: detection.statusPageUrl };
}

export class PollFailure extends Error {
  override name = 'PollFailure';
}

export async function pollOnce(
  fetcher: Fetcher,
  url: string,
  platform: Platform,
): Promise<VendorSnapshot> {
  const adapter = getAdapter(platform);
  if (!adapter) throw new PollFailure(`no adapter for platform ${platform}`);
  const bodies: Record<string, string | null> = {};
  for (const endpoint of adapter.endpoints(url)) {
    const result = await fetcher.fetch({ url: endpoint.url });
    if (!result.ok || result.notModified) {
      if (endpoint.required) {
        throw new PollFailure(
          `${endpoint.url}: ${result.ok ? 'unexpected 304' : result.error.message}`,
        );
      }
      bodies[endpoint.key] = null;
      continue;
    }
    bodies[endpoint.key] = result.body;
  }
  const parsed = adapter.parse(bodies, {
    statusPageUrl: url,
    observedAt: new Date().toISOString(),
  });
  if (!parsed.ok) throw new PollFailure(`parse: ${parsed.error}`);
  return parsed.snapshot;
}

function toJson(snapshot: VendorSnapshot, slug: string, now: string) {
  return {
    platform: snapshot.platform,
    components: snapshot.components.map(({ id, name, group, status }) => ({
      id,
      name,
      group,
      status,
    })),
    // The incidents as a first poll would store them.
    incidents: snapshot.incidents.map((incident) => ({
      ...toIncident(slug, incident, now, true),
      updates: incident.updates.map((update) => toUpdate(update, now)),
    })),
    warnings: snapshot.warnings,
  };
}

function describeSnapshot(snapshot: VendorSnapshot, target: Target): string {
  const lines = [`${snapshot.pageName ?? target.slug} (${snapshot.platform}) — ${target.url}`, ''];
  lines.push(
    formatTable(
      ['COMPONENT', 'GROUP', 'STATUS'],
      snapshot.components.map((c) => [c.name, c.group ?? '', c.status]),
    ),
  );
  const open = snapshot.incidents.filter((i) => i.resolvedAt === null);
  lines.push(
    '',
    `${open.length} open, ${snapshot.incidents.length} listed incidents and maintenances`,
  );
  for (const incident of snapshot.incidents.slice(0, 20)) {
    lines.push(
      `  ${incident.startedAt.slice(0, 16).replace('T', ' ')}  ${incident.kind}/${incident.impact}/${incident.phase}  ${incident.title}`,
    );
  }
  if (snapshot.warnings.length > 0)
    lines.push('', `${snapshot.warnings.length} warnings (see --json)`);
  return lines.join('\n');
}
