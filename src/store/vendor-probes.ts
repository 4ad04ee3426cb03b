// The vendors' probe specs as the store keeps them (docs/contract.md#probes): written by the
// config sync (config vendors) and by the watch list and the API (run-time vendors), read by the
// probe runner on every refresh and by the vendor API.
import type { Kysely } from 'kysely';
import type { ProbeSpec } from '../domain/probe.js';
import { fromJsonOrNull, storableText } from './codec.js';
import type { Database } from './schema.js';

export interface StoredProbes {
  slug: string;
  probes: ProbeSpec[];
  /** The vendor's own threshold; null: the global suspectAfter. */
  suspectAfter: number | null;
}

/** The probes a stored row holds; none when the column is null. */
export function probesFromColumn(text: string | null): ProbeSpec[] {
  return fromJsonOrNull<ProbeSpec[]>(text) ?? [];
}

/** Every watched vendor that has probes, by slug. */
export async function listProbedVendors(db: Kysely<Database>): Promise<StoredProbes[]> {
  const rows = await db
    .selectFrom('vendors')
    .select(['slug', 'probes', 'suspect_after'])
    .where('enabled', '=', 1)
    .where('probes', 'is not', null)
    .orderBy('slug')
    .execute();
  return rows
    .map((row) => ({
      slug: row.slug,
      probes: probesFromColumn(row.probes),
      suspectAfter: row.suspect_after === null ? null : Number(row.suspect_after),
    }))
    .filter((vendor) => vendor.probes.length > 0);
}

/** One watched vendor's probes (none: an empty list), or null when no vendor is watched by it. */
export async function loadVendorProbes(
  db: Kysely<Database>,
  slug: string,
): Promise<StoredProbes | null> {
  const row = await db
    .selectFrom('vendors')
    .select(['slug', 'probes', 'suspect_after'])
    .where('slug', '=', storableText(slug))
    .where('enabled', '=', 1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    slug: row.slug,
    probes: probesFromColumn(row.probes),
    suspectAfter: row.suspect_after === null ? null : Number(row.suspect_after),
  };
}

/**
 * Open suspicions of vendors left without probes (their probes removed, or the vendor removed
 * keeping its history): nothing will ever pass or fail for them again, so the runner clears them.
 */
export async function listSuspicionsWithoutProbes(
  db: Kysely<Database>,
): Promise<{ vendorSlug: string; firstSignalAt: string; suspectedAt: string }[]> {
  const rows = await db
    .selectFrom('vendor_suspicions')
    .innerJoin('vendors', 'vendors.slug', 'vendor_suspicions.vendor_slug')
    .select([
      'vendor_suspicions.vendor_slug',
      'vendor_suspicions.first_signal_at',
      'vendor_suspicions.suspected_at',
    ])
    .where('vendor_suspicions.ended_at', 'is', null)
    .where((eb) => eb.or([eb('vendors.probes', 'is', null), eb('vendors.enabled', '=', 0)]))
    .orderBy('vendor_suspicions.vendor_slug')
    .execute();
  return rows.map((row) => ({
    vendorSlug: row.vendor_slug,
    firstSignalAt: row.first_signal_at,
    suspectedAt: row.suspected_at,
  }));
}
