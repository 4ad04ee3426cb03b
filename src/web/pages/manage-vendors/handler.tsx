// /manage/vendors (admin): the watch list's page and forms. Adding goes through the same
// addVendor as POST /api/v1/vendors (detection, address guard, conflicts); pause, resume, edit and
// removal through the same store functions and audit entries as PATCH/DELETE /api/v1/vendors;
// probes are added and removed one at a time, checked by the config file's rules.
import type { Context } from 'hono';
import { loadCatalog, searchCatalog } from '../../../config/catalog.js';
import { platforms } from '../../../config/platforms.js';
import { parseDurationSeconds } from '../../../config/duration.js';
import { slugPattern } from '../../../config/schema.js';
import { followedFromPicks } from '../../../domain/followed-components.js';
import {
  getWatchedVendor,
  issueIngestToken,
  listWatchedVendors,
  removeVendor,
  updateVendorSettings,
  type VendorSettings,
  type WatchChange,
} from '../../../store/index.js';
import {
  configVendorMessage,
  missingVendorMessage,
  settingsAuditEntries,
} from '../../api/vendors-manage.js';
import { addVendor, type VendorWriteDeps } from '../../api/vendors-write.js';
import { WriteError } from '../../api/write-support.js';
import type { Auth } from '../../auth/service.js';
import type { PageDeps } from '../shared/context.js';
import { readForm } from '../shared/form-body.js';
import { addProbe as addProbeTo, probeFormValues } from './probe-form.js';
import { sendHtml } from '../shared/html.js';
import {
  intervalLabel,
  WatchListPage,
  type CatalogResult,
  type CatalogSearch,
  type DetectedPage,
  type WatchListProps,
} from './view.js';

export type WatchListDeps = Pick<VendorWriteDeps, 'detectVendor' | 'defaultIntervalSeconds'>;

/** What ?done= may say: fixed sentences, so the URL cannot put words on the page. */
const doneMessages: Record<string, string> = {
  added: 'The vendor was added: it is polled within a few seconds.',
  paused: 'The vendor was paused: it is not polled until you resume it.',
  resumed: 'The vendor was resumed: it is polled again at once.',
  edited: 'The changes were saved.',
  'removed-kept': 'The vendor was removed; its history was kept.',
  'removed-deleted': 'The vendor was removed and its history deleted.',
  'probe-added': 'The probe was added: it runs within a few seconds.',
  'probe-removed': 'The probe was removed: it stops within a few seconds.',
};

const maxResults = 25;
const maxIntervalSeconds = 86_400;

function parseInterval(raw: string | undefined): number | null {
  const seconds = parseDurationSeconds((raw ?? '').trim());
  return seconds !== null &&
    Number.isInteger(seconds) &&
    seconds >= 1 &&
    seconds <= maxIntervalSeconds
    ? seconds
    : null;
}

const intervalError = 'the interval must be from 1s to 1d, e.g. 60s, 5m or 1h';

/** The offered (`listed-N`) and picked (`component-N`) components of a ComponentPicker. */
function picks(form: Record<string, string>): { listed: string[]; picked: string[] } | null {
  const listed: string[] = [];
  const picked: string[] = [];
  for (let index = 0; form[`listed-${index}`] !== undefined; index++) {
    listed.push(form[`listed-${index}`]!);
    const pick = form[`component-${index}`];
    if (pick !== undefined) picked.push(listed[index]!);
  }
  return listed.length === 0 ? null : { listed, picked };
}

function searchOf(c: Context): CatalogSearch {
  const q = (c.req.query('q') ?? '').trim().slice(0, 100);
  const category = c.req.query('category') ?? '';
  const platform = c.req.query('platform') ?? '';
  return {
    q,
    category: /^[a-z-]{1,40}$/.test(category) ? category : '',
    platform: /^[a-z0-9-]{1,40}$/.test(platform) ? platform : '',
  };
}

export function watchListPages(deps: PageDeps, auth: Auth, writes: WatchListDeps) {
  const actor = (c: Context) => c.get('viewer')?.email ?? 'unknown';

  async function render(
    c: Context,
    extra: Partial<
      Pick<WatchListProps, 'done' | 'error' | 'detected' | 'pastedUrl' | 'pushUrl' | 'probeForm'>
    >,
    status: 200 | 400 | 404 | 409 | 422 = 200,
  ) {
    const vendors = await listWatchedVendors(deps.db);
    const search = c.req.method === 'GET' ? searchOf(c) : { q: '', category: '', platform: '' };
    let results: WatchListProps['results'] = null;
    if (search.q || search.category || search.platform) {
      const watched = new Set(vendors.map((vendor) => vendor.slug));
      const found = searchCatalog(loadCatalog(), search.q).filter(
        (entry) =>
          (!search.category || entry.category === search.category) &&
          (!search.platform || entry.platform === search.platform),
      );
      const shown: CatalogResult[] = found.slice(0, maxResults).map((entry) => ({
        slug: entry.slug,
        name: entry.name,
        category: entry.category,
        platform: entry.platform,
        url: entry.url,
        watched: watched.has(entry.slug),
      }));
      results = { shown, total: found.length };
    }
    return sendHtml(
      c,
      <WatchListPage
        assets={deps.assets.urls}
        vendors={vendors}
        platforms={platforms}
        search={search}
        results={results}
        pastedUrl={extra.pastedUrl ?? ''}
        detected={extra.detected ?? null}
        done={extra.done ?? null}
        error={extra.error ?? null}
        defaultInterval={intervalLabel(writes.defaultIntervalSeconds)}
        pushUrl={extra.pushUrl ?? null}
        probeForm={extra.probeForm ?? null}
      />,
      status,
    );
  }

  /** A change refused by the store, as the page says it. */
  function refused(c: Context, outcome: WatchChange, slug: string) {
    return outcome === 'config'
      ? render(c, { error: configVendorMessage(slug) }, 409)
      : render(c, { error: `${missingVendorMessage(slug)} (it may have been removed)` }, 404);
  }

  async function change(c: Context, slug: string, settings: VendorSettings, done: string) {
    const before = await getWatchedVendor(deps.db, slug);
    if (!before) return refused(c, 'missing', slug);
    const outcome = await updateVendorSettings(deps.db, slug, settings, deps.now());
    if (outcome !== 'changed') return refused(c, outcome, slug);
    for (const entry of settingsAuditEntries(before, settings)) {
      await auth.audit(c, { actor: actor(c), subject: before.slug, ...entry });
    }
    return c.redirect(`/manage/vendors?done=${done}`, 303);
  }

  return {
    show: (c: Context) => render(c, { done: doneMessages[c.req.query('done') ?? ''] ?? null }),

    /** A pasted URL: detection runs, and the page shows what it found with the form to add it. */
    async detect(c: Context) {
      const form = await readForm(c);
      const url = (form.url ?? '').trim().slice(0, 2048);
      if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
        return render(
          c,
          { error: 'paste the http(s) address of a status page', pastedUrl: url },
          400,
        );
      }
      const detection = await writes.detectVendor(url, c.req.raw.signal);
      if (!detection.ok) {
        const tried = detection.tried.length > 0 ? ` (tried ${detection.tried.join(', ')})` : '';
        const what = detection.refused
          ? 'vendorwatch may not fetch this address'
          : 'no status page platform was recognised at this address';
        return render(c, { error: `${what}: ${detection.error}${tried}`, pastedUrl: url }, 422);
      }
      const components = detection.components ?? [];
      const detected: DetectedPage = {
        facts: {
          platform: detection.platform,
          confidence: detection.confidence,
          evidence: detection.evidence,
          pageName: detection.pageName ?? null,
        },
        statusPageUrl: detection.statusPageUrl,
        slug: detection.suggestedSlug,
        name: detection.suggestedName,
        interval: intervalLabel(writes.defaultIntervalSeconds),
        components,
        picked: components,
      };
      return render(c, { detected, pastedUrl: url });
    },

    /** One click from the catalog (`catalog`), or the detected page's form (`url`). */
    async add(c: Context) {
      const form = await readForm(c);
      const catalog = form.catalog?.trim();
      const url = form.url?.trim();
      const slug = form.slug?.trim();
      const name = form.name?.trim();
      const interval = form.interval === undefined ? null : parseInterval(form.interval);
      const picked = picks(form);
      const again = (error: string, status: 400 | 409 | 422) =>
        render(
          c,
          {
            error,
            pastedUrl: url ?? '',
            ...(url
              ? {
                  detected: {
                    facts: null,
                    statusPageUrl: url,
                    slug: slug ?? '',
                    name: name ?? '',
                    interval: form.interval ?? '',
                    components: picked?.listed ?? [],
                    picked: picked?.picked ?? [],
                  },
                }
              : {}),
          },
          status,
        );
      if (catalog === undefined && (url === undefined || !/^https?:\/\//i.test(url))) {
        return render(c, { error: 'choose a catalog vendor or paste a status page URL' }, 400);
      }
      if (catalog !== undefined && !slugPattern.test(catalog)) {
        return render(c, { error: 'that is not a catalog vendor' }, 400);
      }
      if (url !== undefined) {
        if (!slug || !slugPattern.test(slug))
          return again('the slug must be lowercase letters, digits and dashes (at most 63)', 400);
        if (!name || name.length > 200)
          return again('give the vendor a name (1 to 200 characters)', 400);
        if (interval === null) return again(intervalError, 400);
      }
      let added;
      try {
        added = await addVendor(
          { db: deps.db, now: deps.now, ...writes },
          {
            url: url ?? null,
            slug: url !== undefined ? slug! : catalog!,
            name: url !== undefined ? name! : null,
            intervalSeconds: interval,
            category: null,
            followedComponents: picked ? followedFromPicks(picked.listed, picked.picked) : null,
          },
          c.req.raw.signal,
        );
      } catch (error) {
        if (error instanceof WriteError && error.status === 409) return again(error.message, 409);
        throw error;
      }
      if (!added.ok) return again(`could not add it: ${added.message}`, 422);
      await auth.audit(c, {
        actor: actor(c),
        action: 'vendor.added',
        subject: added.vendor.slug,
        detail: {
          url: added.vendor.statusPageUrl,
          followedComponents: added.vendor.followedComponents ?? 'all',
        },
      });
      return c.redirect('/manage/vendors?done=added', 303);
    },

    /** The vendor's push URL, its token made on first use; shown once, never in a link. */
    async pushUrl(c: Context, slug: string) {
      const vendor = await getWatchedVendor(deps.db, slug);
      if (!vendor) return refused(c, 'missing', slug);
      const token = await issueIngestToken(deps.db, vendor.slug);
      if (token === null) return refused(c, 'missing', slug);
      const publicUrl = auth.settings.publicUrl;
      const base = (publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
      await auth.audit(c, {
        actor: actor(c),
        action: 'vendor.push-url-shown',
        subject: vendor.slug,
      });
      return render(c, {
        pushUrl: {
          vendorName: vendor.name,
          url: `${base}/ingest/${encodeURIComponent(vendor.slug)}/${token}`,
          publicUrlSet: publicUrl !== undefined,
        },
      });
    },

    pause: (c: Context, slug: string) => change(c, slug, { paused: true }, 'paused'),
    resume: (c: Context, slug: string) => change(c, slug, { paused: false }, 'resumed'),

    async edit(c: Context, slug: string) {
      const form = await readForm(c);
      const interval = parseInterval(form.interval);
      if (interval === null) return render(c, { error: intervalError }, 400);
      const picked = picks(form);
      return change(
        c,
        slug,
        {
          intervalSeconds: interval,
          ...(picked
            ? { followedComponents: followedFromPicks(picked.listed, picked.picked) }
            : {}),
        },
        'edited',
      );
    },

    /** One probe more, checked with the vendor's others by the config's rules. */
    async addProbe(c: Context, slug: string) {
      const form = await readForm(c);
      const vendor = await getWatchedVendor(deps.db, slug);
      if (!vendor) return refused(c, 'missing', slug);
      if (vendor.source === 'config') return refused(c, 'config', slug);
      const values = probeFormValues(form);
      const checked = addProbeTo(vendor.probes, values);
      if (!checked.ok) {
        return render(
          c,
          {
            error: `the probe was not added: ${Object.values(checked.errors)[0]}`,
            probeForm: { slug: vendor.slug, values, errors: checked.errors },
          },
          400,
        );
      }
      const outcome = await updateVendorSettings(
        deps.db,
        vendor.slug,
        { probes: checked.probes },
        deps.now(),
      );
      if (outcome !== 'changed') return refused(c, outcome, slug);
      await auth.audit(c, {
        actor: actor(c),
        action: 'vendor.probe-added',
        subject: vendor.slug,
        detail: { probe: checked.added.name, url: checked.added.url },
      });
      return c.redirect('/manage/vendors?done=probe-added', 303);
    },

    async removeProbe(c: Context, slug: string) {
      const form = await readForm(c);
      const vendor = await getWatchedVendor(deps.db, slug);
      if (!vendor) return refused(c, 'missing', slug);
      if (vendor.source === 'config') return refused(c, 'config', slug);
      const name = form.probe ?? '';
      const removed = vendor.probes.find((probe) => probe.name === name);
      if (!removed) {
        return render(c, { error: `${vendor.name} has no probe "${name.slice(0, 40)}"` }, 404);
      }
      const outcome = await updateVendorSettings(
        deps.db,
        vendor.slug,
        { probes: vendor.probes.filter((probe) => probe !== removed) },
        deps.now(),
      );
      if (outcome !== 'changed') return refused(c, outcome, slug);
      await auth.audit(c, {
        actor: actor(c),
        action: 'vendor.probe-removed',
        subject: vendor.slug,
        detail: { probe: removed.name, url: removed.url },
      });
      return c.redirect('/manage/vendors?done=probe-removed', 303);
    },

    async remove(c: Context, slug: string) {
      const form = await readForm(c);
      const history = form.history === 'delete' ? 'delete' : 'keep';
      const outcome = await removeVendor(deps.db, slug, history);
      if (outcome !== 'changed') return refused(c, outcome, slug);
      await auth.audit(c, {
        actor: actor(c),
        action: 'vendor.removed',
        subject: slug,
        detail: { history },
      });
      return c.redirect(
        `/manage/vendors?done=removed-${history === 'keep' ? 'kept' : 'deleted'}`,
        303,
      );
    },
  };
}
