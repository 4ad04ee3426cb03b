// The built-in catalog of vendors (catalog/vendors.json): data, not code, validated at load.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { categories } from '../domain/vocabulary.js';
import { didYouMean, nearestNames } from './nearest.js';
import { platforms } from './platforms.js';
import { dependencySchema, slugPattern } from './schema.js';

const catalogSchema = z.object({
  defaultWatchList: z.array(z.string()),
  vendors: z.array(
    z
      .object({
        slug: z.string().regex(slugPattern),
        name: z.string().min(1),
        category: z.enum(categories),
        url: z.string().url(),
        platform: z.enum(platforms),
        /** Where the entry was checked (docs/catalog.md): one or more sources joined by ` + `. */
        source: z.string().refine(isCatalogSource, {
          message:
            'must be github:OWNER/REPO@COMMIT:PATH (or the earlier catalog), joined by " + "',
        }),
        /** Upstreams the vendor is publicly known to run on: `slug` or `slug:region`. */
        dependsOn: z.array(dependencySchema).optional(),
      })
      .strict(),
  ),
});

/**
 * A public file at a pinned commit, or the catalog as it stood before sources were recorded per
 * entry (commit 90eb947; docs/catalog.md says which entries carry it and why).
 */
const sourcePart =
  /^(github:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+@[0-9a-f]{40}:\S+|vendorwatch:catalog\/vendors\.json@90eb947)$/;

export function isCatalogSource(value: string): boolean {
  return value.split(' + ').every((part) => sourcePart.test(part));
}

type CatalogEntry = z.infer<typeof catalogSchema>['vendors'][number];
export interface Catalog {
  vendors: CatalogEntry[];
  defaultWatchList: string[];
  bySlug: Map<string, CatalogEntry>;
}

const catalogPath = new URL('../../catalog/vendors.json', import.meta.url);
let cached: Catalog | null = null;

export function loadCatalog(): Catalog {
  if (cached) return cached;
  const parsed = catalogSchema.parse(JSON.parse(readFileSync(catalogPath, 'utf8')));
  const bySlug = new Map(parsed.vendors.map((vendor) => [vendor.slug, vendor]));
  if (bySlug.size !== parsed.vendors.length)
    throw new Error('catalog/vendors.json has duplicate slugs');
  const hosts = new Set(parsed.vendors.map((vendor) => pageHost(vendor.url)));
  if (hosts.size !== parsed.vendors.length)
    throw new Error('catalog/vendors.json has two entries for one status page host');
  for (const slug of parsed.defaultWatchList) {
    if (!bySlug.has(slug)) throw new Error(`catalog default watch list names unknown slug ${slug}`);
  }
  cached = { vendors: parsed.vendors, defaultWatchList: parsed.defaultWatchList, bySlug };
  return cached;
}

/** A status page's identity in the catalog: its host, without a leading `www.`. */
export function pageHost(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

/** Case-insensitive search over slug, name, category and URL; every word must match. */
export function searchCatalog(catalog: Catalog, query: string): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return catalog.vendors.filter((vendor) => {
    const haystack = `${vendor.slug} ${vendor.name} ${vendor.category} ${vendor.url}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/**
 * The one wording for a slug the catalog lacks, wherever one is named (config, add, poll, the
 * API): the nearest catalog slugs, or else how to search it.
 */
export function notInCatalog(catalog: Catalog, slug: string): string {
  const near = nearestNames(slug, catalog.bySlug.keys());
  const next = near.length > 0 ? didYouMean(near) : ` (search it: vendorwatch vendors ${slug})`;
  return `"${slug}" is not in the catalog${next}`;
}
