// PATCH and DELETE /api/v1/vendors/{slug}: the watch list's changes over the API, probes included
// (admin token or an admin's session with its CSRF token). Vendors from the config file answer
// 409: the file is where they change. Every change is recorded in the audit log.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import {
  getWatchedVendor,
  removeVendor,
  updateVendorSettings,
  type Database,
  type VendorSettings,
  type WatchChange,
  type WatchedVendor,
} from '../../store/index.js';
import { sendJson } from '../json.js';
import { presentProbe } from './probe-body.js';
import { validatePatch } from './vendors-write.js';
import { handleWrite, readJsonObject, WriteError, type WriteAuthorizer } from './write-support.js';

type Audit = (
  c: Context,
  entry: { actor: string; action: string; subject: string; detail?: Record<string, unknown> },
) => Promise<void>;

export interface VendorManageDeps {
  db: Kysely<Database>;
  now: () => string;
  authorizeWrite: WriteAuthorizer;
  audit?: Audit;
}

/** The one sentence for a config-file vendor, on the page, the API and the CLI. */
export function configVendorMessage(slug: string): string {
  return (
    `vendor "${slug}" comes from the config file: change it in the file's vendors list ` +
    '(and restart vendorwatch), not here'
  );
}

export function missingVendorMessage(slug: string): string {
  return `no vendor "${slug.slice(0, 80)}" is watched`;
}

/** The audit entries a settings change makes: paused/resumed, and edited for the rest. */
export function settingsAuditEntries(
  before: WatchedVendor,
  settings: VendorSettings,
): { action: string; detail?: Record<string, unknown> }[] {
  const entries: { action: string; detail?: Record<string, unknown> }[] = [];
  if (settings.paused !== undefined && settings.paused !== before.paused) {
    entries.push({ action: settings.paused ? 'vendor.paused' : 'vendor.resumed' });
  }
  const detail: Record<string, unknown> = {};
  if (
    settings.intervalSeconds !== undefined &&
    settings.intervalSeconds !== before.intervalSeconds
  ) {
    detail.interval = { from: before.intervalSeconds, to: settings.intervalSeconds };
  }
  if (
    settings.followedComponents !== undefined &&
    JSON.stringify(settings.followedComponents) !== JSON.stringify(before.followedComponents)
  ) {
    detail.followedComponents = {
      from: before.followedComponents ?? 'all',
      to: settings.followedComponents ?? 'all',
    };
  }
  if (
    settings.probes !== undefined &&
    JSON.stringify(settings.probes) !== JSON.stringify(before.probes)
  ) {
    detail.probes = {
      from: before.probes.map((probe) => probe.name),
      to: settings.probes.map((probe) => probe.name),
    };
  }
  if (settings.suspectAfter !== undefined && settings.suspectAfter !== before.suspectAfter) {
    detail.suspectAfter = { from: before.suspectAfter, to: settings.suspectAfter };
  }
  if (Object.keys(detail).length > 0) entries.push({ action: 'vendor.edited', detail });
  return entries;
}

function refuseChange(outcome: WatchChange, slug: string): void {
  if (outcome === 'missing') throw new WriteError(404, 'not_found', missingVendorMessage(slug));
  if (outcome === 'config') throw new WriteError(409, 'conflict', configVendorMessage(slug));
}

/** The watch list's view of a vendor, as PATCH answers it. */
function presentWatched(vendor: WatchedVendor) {
  return {
    slug: vendor.slug,
    name: vendor.name,
    statusPageUrl: vendor.statusPageUrl,
    platform: vendor.platform,
    category: vendor.category,
    intervalSeconds: vendor.intervalSeconds,
    source: vendor.source,
    paused: vendor.paused,
    followedComponents: vendor.followedComponents,
    probes: vendor.probes.map(presentProbe),
    suspectAfter: vendor.suspectAfter,
  };
}

export function createVendorManage(deps: VendorManageDeps) {
  return {
    patch: (c: Context, slug: string) =>
      handleWrite(c, async () => {
        const actor = await deps.authorizeWrite(c);
        const settings = validatePatch(await readJsonObject(c, 'vendor settings'));
        const before = await getWatchedVendor(deps.db, slug);
        if (!before) throw new WriteError(404, 'not_found', missingVendorMessage(slug));
        refuseChange(await updateVendorSettings(deps.db, slug, settings, deps.now()), slug);
        for (const entry of settingsAuditEntries(before, settings)) {
          await deps.audit?.(c, { actor, subject: before.slug, ...entry });
        }
        const after = await getWatchedVendor(deps.db, slug);
        return sendJson(c, { vendor: presentWatched(after ?? before) });
      }),
    remove: (c: Context, slug: string) =>
      handleWrite(c, async () => {
        const actor = await deps.authorizeWrite(c);
        const history = c.req.query('history') ?? 'keep';
        if (history !== 'keep' && history !== 'delete') {
          throw new WriteError(400, 'invalid_body', 'history must be keep (the default) or delete');
        }
        refuseChange(await removeVendor(deps.db, slug, history), slug);
        await deps.audit?.(c, {
          actor,
          action: 'vendor.removed',
          subject: slug,
          detail: { history },
        });
        return sendJson(c, { removed: slug, history });
      }),
  };
}
