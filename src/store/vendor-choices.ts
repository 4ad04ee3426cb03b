// What a notification target's filters can name: the watched vendors and the components each one
// has shown, for the pickers of /manage/targets.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface VendorChoice {
  slug: string;
  name: string;
  /** Component names as the status page shows them, in its order. */
  components: string[];
}

/** Every watched vendor by name, with its known components. */
export async function listVendorChoices(db: Kysely<Database>): Promise<VendorChoice[]> {
  const [vendors, components] = await Promise.all([
    db
      .selectFrom('vendors')
      .select(['slug', 'name'])
      .where('enabled', '=', 1)
      .orderBy('name')
      .orderBy('slug')
      .execute(),
    db
      .selectFrom('components')
      .innerJoin('vendors', 'vendors.slug', 'components.vendor_slug')
      .select(['components.vendor_slug', 'components.name'])
      .where('vendors.enabled', '=', 1)
      .orderBy('components.vendor_slug')
      .orderBy('components.position')
      .execute(),
  ]);
  const byVendor = new Map<string, string[]>();
  for (const row of components) {
    const list = byVendor.get(row.vendor_slug) ?? [];
    if (!list.includes(row.name)) list.push(row.name);
    byVendor.set(row.vendor_slug, list);
  }
  return vendors.map((v) => ({
    slug: v.slug,
    name: v.name,
    components: byVendor.get(v.slug) ?? [],
  }));
}
