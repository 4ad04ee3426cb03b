// Which upstream providers, and which of their regions, a vendor's text names ("AWS us-east-1",
// "Cloudflare", "Azure Front Door"). Pure. Provider keys are the catalog slugs of the providers'
// own status pages, so a text mention, a `dependsOn` entry and the provider's own incident meet.

export interface UpstreamMention {
  /** The provider's catalog slug: `aws`, `cloudflare`, `azure`, … */
  upstream: string;
  /** The region (normalized, see normalizeRegion); null for a provider without regions. */
  region: string | null;
  /** The words of the text that named it, for the evidence shown to people. */
  quote: string;
}

interface Provider {
  upstream: string;
  /** Names that mean the provider, matched as whole words, case-insensitively. */
  names: readonly string[];
  /**
   * How its regions are written. A provider with regions is named only together with a region:
   * "AWS" alone says nothing about which of its outages a vendor means.
   */
  regions?: RegExp;
  /** Region codes so distinctive that they name the provider by themselves (`us-east-1`). */
  regionAlone?: boolean;
  /** A global service of the provider, matched as its own "region" (Azure Front Door). */
  services?: ReadonlyArray<{ name: string; region: string }>;
}

const awsRegion =
  /\b(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d\b/gi;
const googleRegion =
  /\b(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)\d\b/gi;
const azureRegion = new RegExp(
  `\\b(?:${[
    'East US 2',
    'East US',
    'West US 2',
    'West US 3',
    'West US',
    'Central US',
    'North Central US',
    'South Central US',
    'West Central US',
    'North Europe',
    'West Europe',
    'UK South',
    'UK West',
    'France Central',
    'Germany West Central',
    'Sweden Central',
    'Southeast Asia',
    'East Asia',
    'Japan East',
    'Australia East',
    'Brazil South',
    'Canada Central',
    'Central India',
  ].join('|')})\\b`,
  'gi',
);

const providers: readonly Provider[] = [
  { upstream: 'aws', names: ['AWS', 'Amazon Web Services'], regions: awsRegion, regionAlone: true },
  {
    upstream: 'google-cloud',
    names: ['Google Cloud', 'GCP', 'Google Cloud Platform'],
    regions: googleRegion,
    regionAlone: true,
  },
  {
    upstream: 'azure',
    names: ['Azure', 'Microsoft Azure'],
    regions: azureRegion,
    services: [{ name: 'Azure Front Door', region: 'front-door' }],
  },
  { upstream: 'cloudflare', names: ['Cloudflare'] },
  { upstream: 'fastly', names: ['Fastly'] },
  { upstream: 'akamai', names: ['Akamai'] },
];

/** `East US 2` → `east-us-2`, `US-EAST-1` → `us-east-1`: one spelling for comparing regions. */
export function normalizeRegion(region: string): string {
  return region
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const namePatterns = new Map<string, RegExp>();

/** A whole-word, case-insensitive pattern per name, compiled once. */
function namePattern(name: string): RegExp {
  let pattern = namePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(name)}(?![A-Za-z0-9])`, 'i');
    namePatterns.set(name, pattern);
  }
  return pattern;
}

function firstName(text: string, names: readonly string[]): string | null {
  for (const name of names) {
    const found = namePattern(name).exec(text);
    if (found) return found[0];
  }
  return null;
}

function regionsIn(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(pattern)].map((match) => match[0]))];
}

/** Every provider and region the text names, each once. */
export function upstreamMentions(text: string): UpstreamMention[] {
  const found = new Map<string, UpstreamMention>();
  const add = (mention: UpstreamMention): void => {
    const key = `${mention.upstream}\n${mention.region ?? ''}`;
    if (!found.has(key)) found.set(key, mention);
  };
  for (const provider of providers) {
    const named = firstName(text, provider.names);
    for (const service of provider.services ?? []) {
      const serviceNamed = firstName(text, [service.name]);
      if (serviceNamed)
        add({ upstream: provider.upstream, region: service.region, quote: serviceNamed });
    }
    if (!provider.regions) {
      if (named) add({ upstream: provider.upstream, region: null, quote: named });
      continue;
    }
    if (!named && !provider.regionAlone) continue;
    for (const region of regionsIn(text, provider.regions)) {
      add({
        upstream: provider.upstream,
        region: normalizeRegion(region),
        quote: named ? `${named} … ${region}` : region,
      });
    }
  }
  return [...found.values()];
}

/** Regions of any provider the text names, normalized: an upstream's own incident says where. */
export function regionsNamed(text: string): string[] {
  const all = providers.flatMap((provider) =>
    provider.regions ? regionsIn(text, provider.regions) : [],
  );
  return [...new Set(all.map(normalizeRegion))];
}

/** Whether the upstream is a known provider with regions (AWS, Google Cloud, Azure). */
export function hasRegions(upstream: string): boolean {
  return providers.some((provider) => provider.upstream === upstream && provider.regions);
}

/** How people call a known provider (`aws` → AWS); null for any other upstream. */
export function providerName(upstream: string): string | null {
  return providers.find((provider) => provider.upstream === upstream)?.names[0] ?? null;
}
