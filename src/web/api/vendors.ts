// GET /api/v1/vendors (every vendor's current status) and GET /api/v1/vendors/{slug} (one vendor
// with its components and active incidents).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { getVendorDetail, listVendorStatuses, type Database } from '../../store/index.js';
import { notFound } from '../http-error.js';
import { maxPathIdLength } from '../ids.js';
import { effectiveIntervalOf, type PolledVendor } from '../polling-interval.js';
import { sendJson } from '../json.js';
import { presentVendorDetail, presentVendorSummary } from './present.js';

interface VendorApiDeps {
  db: Kysely<Database>;
  now: () => string;
  /** A vendor's active interval (config polling.activeInterval); the default when absent. */
  activeIntervalFor?: (slug: string) => number;
}

interface VendorApi {
  list(c: Context): Promise<Response>;
  detail(c: Context, slug: string): Promise<Response>;
}

export function createVendorApi({ db, now, activeIntervalFor }: VendorApiDeps): VendorApi {
  const withInterval = <V extends PolledVendor>(vendor: V) => ({
    ...vendor,
    effectiveIntervalSeconds: effectiveIntervalOf(vendor, activeIntervalFor),
  });
  return {
    async list(c) {
      const vendors = await listVendorStatuses(db, now());
      return sendJson(c, {
        vendors: vendors.map((vendor) => presentVendorSummary(withInterval(vendor))),
      });
    },
    async detail(c, slug) {
      const vendor = slug.length <= maxPathIdLength ? await getVendorDetail(db, slug, now()) : null;
      if (!vendor) throw notFound(`no vendor with slug ${JSON.stringify(slug.slice(0, 100))}`);
      return sendJson(c, presentVendorDetail(withInterval(vendor)));
    },
  };
}
