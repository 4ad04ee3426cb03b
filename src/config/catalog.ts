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
        /** Upstreams the vendor is publicly known to run on: `slug` or `slug:region`. */
        dependsOn: z.array(dependencySchema).optional(),
      })
      .strict(),
  ),
});

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
  for (const slug of parsed.defaultWatchList) {
    if (!bySlug.has(slug)) throw new Error(`catalog default watch list names unknown slug ${slug}`);
  }
  cached = { vendors: parsed.vendors, defaultWatchList: parsed.defaultWatchList, bySlug };
  return cached;
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
