// Adding a vendor at run time (CLI `add`, POST /api/v1/vendors): the pasted URL and the URL it
// resolves to both pass the address guard, the platform is detected, and a slug is suggested.
// A catalog slug instead of a URL takes the catalog's entry, as the config file does.
import { getAdapter } from '../adapters/registry.js';
import { loadCatalog, notInCatalog } from '../config/catalog.js';
import { slugify } from '../domain/text.js';
import type { Category, Platform } from '../domain/vocabulary.js';
import { checkUrl, type AddressPolicy } from '../fetch/address-guard.js';
import type { Fetcher } from '../fetch/types.js';
import { detectPlatform, type Confidence } from './detect.js';

type VendorDetection =
  | {
      ok: true;
      platform: Platform;
      confidence: Confidence;
      evidence: string;
      /** The URL to store (normalized by detection: a feed URL, a status.io page id…). */
      statusPageUrl: string;
      suggestedSlug: string;
      suggestedName: string;
      /** Only a catalog entry knows the vendor's category. */
      suggestedCategory?: Category;
      /** The components the page lists, in its order; absent when the page was not read. */
      components?: string[];
      /** The name the page gives itself (null: none); absent when the page was not read. */
      pageName?: string | null;
    }
  | {
      ok: false;
      /** True when the address guard refused the URL (not a detection failure). */
      refused: boolean;
      error: string;
      tried: string[];
    };

/**
 * A status page URL, or a catalog slug such as "github". `nameGiven`: the caller has the name, so
 * the page is not read again just to learn the name it gives itself.
 */
type DetectVendor = (
  urlOrSlug: string,
  signal?: AbortSignal,
  options?: { nameGiven?: boolean },
) => Promise<VendorDetection>;

export function createVendorDetector(fetcher: Fetcher, policy: AddressPolicy): DetectVendor {
  return async (url, signal, options = {}) => {
    if (!/^https?:\/\//i.test(url.trim())) return fromCatalog(url.trim());
    const pasted = await checkUrl(url.trim(), policy);
    if (!pasted.ok) return { ok: false, refused: true, error: pasted.reason, tried: [] };
    const detection = await detectPlatform(fetcher, pasted.url.href, { signal });
    if (!detection.ok) {
      const refused = detection.error.startsWith('refused by the address guard');
      return { ok: false, refused, error: detection.error, tried: detection.tried };
    }
    const stored = await checkUrl(detection.statusPageUrl, policy);
    if (!stored.ok) {
      const error = `the page resolves to ${detection.statusPageUrl}, which is refused: ${stored.reason}`;
      return { ok: false, refused: true, error, tried: detection.tried };
    }
    const label = hostLabel(new URL(detection.statusPageUrl));
    const page = options.nameGiven
      ? null
      : await readPage(fetcher, detection.platform, detection.statusPageUrl, signal);
    return {
      ok: true,
      platform: detection.platform,
      confidence: detection.confidence,
      evidence: detection.evidence,
      statusPageUrl: detection.statusPageUrl,
      suggestedSlug: suggestSlug(label),
      suggestedName: page?.name ?? label,
      ...(page ? { components: page.components, pageName: page.name } : {}),
    };
  };
}

// The catalog's URLs are ours, so no lookup is needed now (as for the config file); the fetcher
// still guards every poll.
function fromCatalog(slug: string): VendorDetection {
  const catalog = loadCatalog();
  const entry = catalog.bySlug.get(slug);
  if (!entry) {
    const error = `${notInCatalog(catalog, slug)}; or give its status page URL`;
    return { ok: false, refused: false, error, tried: [] };
  }
  return {
    ok: true,
    platform: entry.platform,
    confidence: 'high',
    evidence: `the catalog entry "${entry.slug}"`,
    statusPageUrl: entry.url,
    suggestedSlug: entry.slug,
    suggestedName: entry.name,
    suggestedCategory: entry.category,
  };
}

// Any of the types an adapter's endpoints answer with (JSON APIs, RSS/Atom feeds).
const anyAdapterBody =
  'application/json,application/atom+xml,application/rss+xml;q=0.9,application/xml;q=0.8,*/*;q=0.5';

/**
 * The name the page gives itself (Statuspage page.name, a feed's title) and the components it
 * lists, read as one poll would; null when the page could not be read.
 */
async function readPage(
  fetcher: Fetcher,
  platform: Platform,
  statusPageUrl: string,
  signal: AbortSignal | undefined,
): Promise<{ name: string | null; components: string[] } | null> {
  const adapter = getAdapter(platform);
  if (!adapter) return null;
  const bodies: Record<string, string | null> = {};
  for (const endpoint of adapter.endpoints(statusPageUrl)) {
    const fetched = await fetcher.fetch({
      url: endpoint.url,
      accept: anyAdapterBody,
      ...(signal ? { signal } : {}),
    });
    if (fetched.ok && !fetched.notModified) bodies[endpoint.key] = fetched.body;
    else if (endpoint.required) return null;
    else bodies[endpoint.key] = null;
  }
  const parsed = adapter.parse(bodies, { statusPageUrl });
  if (!parsed.ok) return null;
  const name = parsed.snapshot.pageName?.trim();
  const components = [...new Set(parsed.snapshot.components.map((component) => component.name))];
  return { name: name ? name.slice(0, 200) : null, components };
}

/** The part of a status host that names the vendor: status.acme.com, acmestatus.com → acme. */
function hostLabel(url: URL): string {
  const labels = url.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .split('.')
    .filter((label) => !['www', 'status', 'statuspage'].includes(label));
  const first = labels[0] ?? url.hostname;
  const trimmed = first.replace(/-?status$/, '');
  return trimmed === '' ? first : trimmed;
}

function suggestSlug(label: string): string {
  return slugify(label).slice(0, 63).replace(/-+$/, '') || 'vendor';
}
