// GET /api/v1/vendors (every vendor's current status) and GET /api/v1/vendors/{slug} (one vendor
// with its components, active incidents and probes).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import {
  findOpenSuspicion,
  listSuspectedVendors,
  getVendorDetail,
  listVendorStatuses,
  loadVendorProbes,
  type Database,
} from '../../store/index.js';
import { notFound } from '../http-error.js';
import { maxPathIdLength } from '../ids.js';
import { effectiveIntervalOf, type PolledVendor } from '../polling-interval.js';
import { sendJson } from '../json.js';
import { presentVendorDetail, presentVendorSummary } from './present.js';
import { presentProbe } from './probe-body.js';

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
      const [vendors, suspected] = await Promise.all([
        listVendorStatuses(db, now()),
        listSuspectedVendors(db),
      ]);
      return sendJson(c, {
        vendors: vendors.map((vendor) =>
          presentVendorSummary(withInterval({ ...vendor, suspected: suspected.has(vendor.slug) })),
        ),
      });
    },
    async detail(c, slug) {
      const vendor = slug.length <= maxPathIdLength ? await getVendorDetail(db, slug, now()) : null;
      if (!vendor) throw notFound(`no vendor with slug ${JSON.stringify(slug.slice(0, 100))}`);
      const [suspicion, probes] = await Promise.all([
        findOpenSuspicion(db, slug),
        loadVendorProbes(db, slug),
      ]);
      return sendJson(c, {
        ...presentVendorDetail(withInterval({ ...vendor, suspected: suspicion !== null })),
        // A suspected outage (docs/contract.md#probes): its probes fail, its page says nothing.
        suspicion: suspicion
          ? { firstSignalAt: suspicion.firstSignalAt, suspectedAt: suspicion.suspectedAt }
          : null,
        // Its probes as configured (no secrets live in probes) and its own threshold (null: global).
        probes: (probes?.probes ?? []).map(presentProbe),
        suspectAfter: probes?.suspectAfter ?? null,
      });
    },
  };
}
