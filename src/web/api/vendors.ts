// GET /api/v1/vendors (every vendor's current status) and GET /api/v1/vendors/{slug} (one vendor
// with its components and active incidents).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import {
  findOpenSuspicion,
  getVendorDetail,
  listVendorStatuses,
  type Database,
} from '../../store/index.js';
import { notFound } from '../http-error.js';
import { maxPathIdLength } from '../ids.js';
import { sendJson } from '../json.js';
import { presentVendorDetail, presentVendorSummary } from './present.js';

interface VendorApiDeps {
  db: Kysely<Database>;
  now: () => string;
}

interface VendorApi {
  list(c: Context): Promise<Response>;
  detail(c: Context, slug: string): Promise<Response>;
}

export function createVendorApi({ db, now }: VendorApiDeps): VendorApi {
  return {
    async list(c) {
      const vendors = await listVendorStatuses(db, now());
      return sendJson(c, { vendors: vendors.map(presentVendorSummary) });
    },
    async detail(c, slug) {
      const vendor = slug.length <= maxPathIdLength ? await getVendorDetail(db, slug, now()) : null;
      if (!vendor) throw notFound(`no vendor with slug ${JSON.stringify(slug.slice(0, 100))}`);
      const suspicion = await findOpenSuspicion(db, slug);
      return sendJson(c, {
        ...presentVendorDetail(vendor),
        // A suspected outage (docs/contract.md#probes): its probes fail, its page says nothing.
        suspicion: suspicion
          ? { firstSignalAt: suspicion.firstSignalAt, suspectedAt: suspicion.suspectedAt }
          : null,
      });
    },
  };
}
