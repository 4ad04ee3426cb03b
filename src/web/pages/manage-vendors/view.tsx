// /manage/vendors: the watch list. Every watched vendor with its interval, followed components and
// state; per run-time vendor a pause/resume, an edit (with its probes) and a removal (which asks
// about the history);
// a catalog search whose results add with one click; and a pasted status page URL, detected, whose
// components the admin picks before adding it. Every form is a ProtectedForm and works without
// JavaScript; the edit and removal forms sit in <details>, opened with Enter like any button.
import type { FC } from 'hono/jsx';
import { categories } from '../../../domain/vocabulary.js';
import type { WatchedVendor } from '../../../store/index.js';
import { ErrorNotice, Notice } from '../shared/form-parts.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { ManageNav } from '../shared/manage-nav.js';
import { ProtectedForm } from '../shared/protected-form.js';
import { emptyProbeForm } from './probe-form.js';
import { ConfigProbes, ProbePart, type ProbeFormState } from './probes-view.js';

export interface CatalogResult {
  slug: string;
  name: string;
  category: string;
  platform: string;
  url: string;
  /** Already on the watch list (by slug). */
  watched: boolean;
}

export interface CatalogSearch {
  q: string;
  category: string;
  platform: string;
}

/** What detection found for a pasted URL, with the form values to add it. */
export interface DetectedPage {
  /** What detection found; null when the form came back with an error (not detected again). */
  facts: {
    platform: string;
    confidence: string;
    evidence: string;
    /** The name the page gives itself; null when it gives none. */
    pageName: string | null;
  } | null;
  statusPageUrl: string;
  slug: string;
  name: string;
  interval: string;
  components: string[];
  /** The components checked (all, unless the form came back with an error). */
  picked: string[];
}

export interface WatchListProps {
  assets: AssetUrls;
  vendors: WatchedVendor[];
  platforms: readonly string[];
  search: CatalogSearch;
  /** Null when nothing was searched yet. */
  results: { shown: CatalogResult[]; total: number } | null;
  /** The URL typed into the paste form (kept after an error). */
  pastedUrl: string;
  detected: DetectedPage | null;
  done: string | null;
  error: string | null;
  defaultInterval: string;
  /** A vendor's push URL, shown once after the admin asked for it (docs/push.md). */
  pushUrl?: { vendorName: string; url: string; publicUrlSet: boolean } | null;
  /** A vendor's add-a-probe form that came back with errors: its edit part opens with them. */
  probeForm?: ProbeFormState | null;
}

/** "60s", "5m", "2h": the shortest exact spelling of an interval. */
export function intervalLabel(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function followedLabel(vendor: WatchedVendor): string {
  if (vendor.followedComponents === null) return 'all components';
  const known = vendor.knownComponents.length;
  const count = vendor.followedComponents.length;
  return known > 0 ? `${count} of ${known} components` : `${count} components`;
}

/** Component checkboxes: `listed-N` says what was offered, `component-N` what was picked. */
const ComponentPicker: FC<{ idPrefix: string; components: string[]; picked: string[] }> = ({
  idPrefix,
  components,
  picked,
}) => (
  <fieldset class="component-picker">
    <legend>Components to follow</legend>
    <p class="field-hint">
      Unfollowed components still show on the vendor's page, but do not count as "affected" on the
      dashboard and do not notify targets that have no component filter of their own. Following
      every component also follows those the vendor adds later.
    </p>
    {components.map((name, index) => (
      <div class="check-row">
        <input type="hidden" name={`listed-${index}`} value={name} />
        <input
          type="checkbox"
          id={`${idPrefix}-${index}`}
          name={`component-${index}`}
          value={name}
          checked={picked.includes(name)}
        />
        <label for={`${idPrefix}-${index}`}>{name}</label>
      </div>
    ))}
  </fieldset>
);

const IntervalField: FC<{ id: string; value: string }> = ({ id, value }) => (
  <div class="field">
    <label for={id}>Poll interval</label>
    <input
      id={id}
      name="interval"
      type="text"
      value={value}
      maxlength={12}
      required
      aria-describedby={`${id}-hint`}
    />
    <p class="field-hint" id={`${id}-hint`}>
      From 1s to 1d, e.g. 60s, 5m or 1h.
    </p>
  </div>
);

/** Shows the vendor's push URL (POST: the first request makes its token). */
const PushUrlForm: FC<{ vendor: WatchedVendor }> = ({ vendor }) => (
  <ProtectedForm
    action={`/manage/vendors/${vendor.slug}/push-url`}
    class="inline-form"
    aria-label={`Push URL of ${vendor.name}`}
  >
    <button type="submit">
      Push URL<span class="visually-hidden"> of {vendor.name}</span>
    </button>
  </ProtectedForm>
);

const PushUrlNotice: FC<{ push: NonNullable<WatchListProps['pushUrl']> }> = ({ push }) => (
  <Notice>
    <p>
      Push URL of {push.vendorName}: subscribe to the vendor's webhooks (incident and component
      updates) with this address. A push makes vendorwatch poll the vendor at once; what it stores
      still comes from the vendor's page. Keep the address private: it carries the vendor's token.
    </p>
    <p>
      <code class="push-url" data-testid="push-url">
        {push.url}
      </code>
    </p>
    {!push.publicUrlSet && (
      <p class="field-hint">
        <code>server.publicUrl</code> is not set, so this is the address this page was reached at;
        set it to the address vendors can reach.
      </p>
    )}
  </Notice>
);

const VendorRow: FC<{ vendor: WatchedVendor; probeForm: ProbeFormState | null }> = ({
  vendor,
  probeForm,
}) => {
  const fromConfig = vendor.source === 'config';
  const probeState =
    probeForm?.slug === vendor.slug
      ? probeForm
      : { slug: vendor.slug, values: emptyProbeForm, errors: {} };
  return (
    <tr data-vendor={vendor.slug}>
      <td class="lead-cell">
        <a href={`/vendors/${vendor.slug}`}>{vendor.name}</a>{' '}
        <span class="muted">({vendor.slug})</span>
      </td>
      <td data-label="Platform">{vendor.platform}</td>
      <td data-label="Interval">{intervalLabel(vendor.intervalSeconds)}</td>
      <td data-label="Following">{followedLabel(vendor)}</td>
      <td data-label="State" data-cell="state">
        {vendor.paused ? <strong>paused (not polled)</strong> : 'watching'}
      </td>
      <td data-label="Actions">
        <PushUrlForm vendor={vendor} />
        {fromConfig ? (
          <>
            <p class="field-hint config-note">
              From the config file: change it there (its <code>vendors:</code> list).
            </p>
            <ConfigProbes vendor={vendor} />
          </>
        ) : (
          <div class="row-actions">
            <ProtectedForm
              action={`/manage/vendors/${vendor.slug}/${vendor.paused ? 'resume' : 'pause'}`}
              class="inline-form"
              aria-label={`${vendor.paused ? 'Resume' : 'Pause'} ${vendor.name}`}
            >
              <button type="submit">
                {vendor.paused ? 'Resume' : 'Pause'}
                <span class="visually-hidden"> {vendor.name}</span>
              </button>
            </ProtectedForm>
            <details class="row-details" open={probeForm?.slug === vendor.slug}>
              <summary>
                Edit<span class="visually-hidden"> {vendor.name}</span>
                {vendor.probes.length > 0 && (
                  <span class="muted">
                    {' '}
                    · {vendor.probes.length} {vendor.probes.length === 1 ? 'probe' : 'probes'}
                  </span>
                )}
              </summary>
              <ProtectedForm
                action={`/manage/vendors/${vendor.slug}/edit`}
                class="form-stack"
                aria-label={`Edit ${vendor.name}`}
              >
                <IntervalField
                  id={`interval-${vendor.slug}`}
                  value={intervalLabel(vendor.intervalSeconds)}
                />
                {vendor.knownComponents.length > 0 ? (
                  <ComponentPicker
                    idPrefix={`follow-${vendor.slug}`}
                    components={vendor.knownComponents}
                    picked={vendor.knownComponents.filter(
                      (name) =>
                        vendor.followedComponents === null ||
                        vendor.followedComponents.includes(name),
                    )}
                  />
                ) : (
                  <p class="field-hint">
                    Its components are listed here once a poll has read its page.
                  </p>
                )}
                <button type="submit">Save changes</button>
              </ProtectedForm>
              <ProbePart vendor={vendor} state={probeState} />
            </details>
            <details class="row-details">
              <summary>
                Remove<span class="visually-hidden"> {vendor.name}</span>…
              </summary>
              <ProtectedForm
                action={`/manage/vendors/${vendor.slug}/remove`}
                class="form-stack"
                aria-label={`Remove ${vendor.name}`}
              >
                <fieldset>
                  <legend>Its incidents and events</legend>
                  <div class="check-row">
                    <input
                      type="radio"
                      id={`keep-${vendor.slug}`}
                      name="history"
                      value="keep"
                      checked
                    />
                    <label for={`keep-${vendor.slug}`}>
                      Keep the history (its pages stay; adding it again resumes it)
                    </label>
                  </div>
                  <div class="check-row">
                    <input
                      type="radio"
                      id={`delete-${vendor.slug}`}
                      name="history"
                      value="delete"
                    />
                    <label for={`delete-${vendor.slug}`}>Delete the history for good</label>
                  </div>
                </fieldset>
                <button type="submit" class="danger">
                  Remove {vendor.name}
                </button>
              </ProtectedForm>
            </details>
          </div>
        )}
      </td>
    </tr>
  );
};

const WatchTable: FC<{ vendors: WatchedVendor[]; probeForm: ProbeFormState | null }> = ({
  vendors,
  probeForm,
}) =>
  vendors.length === 0 ? (
    <p class="empty-state">
      Nothing is watched yet. Search the catalog below and press Add, or paste a status page URL.
    </p>
  ) : (
    <div class="table-wrap">
      <table class="stack-table watch-table">
        <caption class="visually-hidden">Watched vendors</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col">Platform</th>
            <th scope="col">Interval</th>
            <th scope="col">Following</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {vendors.map((vendor) => (
            <VendorRow vendor={vendor} probeForm={probeForm} />
          ))}
        </tbody>
      </table>
    </div>
  );

const CatalogSearchForm: FC<{ search: CatalogSearch; platforms: readonly string[] }> = ({
  search,
  platforms,
}) => (
  <form method="get" action="/manage/vendors" class="search-form" aria-label="Search the catalog">
    <div class="field">
      <label for="catalog-q">Name</label>
      <input id="catalog-q" name="q" type="search" value={search.q} maxlength={100} />
    </div>
    <div class="field">
      <label for="catalog-category">Category</label>
      <select id="catalog-category" name="category">
        <option value="">Any category</option>
        {categories.map((category) => (
          <option value={category} selected={search.category === category}>
            {category}
          </option>
        ))}
      </select>
    </div>
    <div class="field">
      <label for="catalog-platform">Platform</label>
      <select id="catalog-platform" name="platform">
        <option value="">Any platform</option>
        {platforms.map((platform) => (
          <option value={platform} selected={search.platform === platform}>
            {platform}
          </option>
        ))}
      </select>
    </div>
    <button type="submit">Search</button>
  </form>
);

const CatalogResults: FC<{ results: NonNullable<WatchListProps['results']> }> = ({ results }) =>
  results.total === 0 ? (
    <p class="empty-state" data-testid="catalog-empty">
      No catalog entry matches. Try a shorter name or another category, or paste the vendor's status
      page URL below.
    </p>
  ) : (
    <>
      <p class="note">
        {results.total > results.shown.length
          ? `Showing the first ${results.shown.length} of ${results.total} matches: narrow the search to see the rest.`
          : `${results.total} ${results.total === 1 ? 'match' : 'matches'}.`}
      </p>
      <ul class="catalog-results">
        {results.shown.map((entry) => (
          <li data-catalog={entry.slug}>
            <span class="avatar" aria-hidden="true">
              {entry.name.slice(0, 1).toUpperCase()}
            </span>
            <span class="catalog-entry">
              <strong>{entry.name}</strong>{' '}
              <span class="muted">
                {entry.category} · {entry.platform} · {hostOf(entry.url)}
              </span>
            </span>
            {entry.watched ? (
              <span class="muted">watched</span>
            ) : (
              <ProtectedForm
                action="/manage/vendors/add"
                class="inline-form"
                aria-label={`Add ${entry.name}`}
              >
                <input type="hidden" name="catalog" value={entry.slug} />
                <button type="submit">
                  Add<span class="visually-hidden"> {entry.name}</span>
                </button>
              </ProtectedForm>
            )}
          </li>
        ))}
      </ul>
    </>
  );

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

const DetectedForm: FC<{ detected: DetectedPage }> = ({ detected }) => (
  <section aria-labelledby="detected-title" class="detected">
    <h3 id="detected-title">
      {detected.facts ? `Found a ${detected.facts.platform} page` : 'Add this status page'}
    </h3>
    <dl class="account-facts">
      {detected.facts && (
        <>
          <dt>Platform</dt>
          <dd data-testid="detected-platform">
            {detected.facts.platform} ({detected.facts.confidence} confidence:{' '}
            {detected.facts.evidence})
          </dd>
          <dt>The page's own name</dt>
          <dd data-testid="detected-name">{detected.facts.pageName ?? 'none given'}</dd>
        </>
      )}
      <dt>URL to poll</dt>
      <dd class="invite-link" data-testid="detected-url">
        {detected.statusPageUrl}
      </dd>
      <dt>Components</dt>
      <dd>{detected.components.length}</dd>
    </dl>
    <ProtectedForm action="/manage/vendors/add" class="form-stack" aria-label="Add this vendor">
      <input type="hidden" name="url" value={detected.statusPageUrl} />
      <div class="field">
        <label for="detected-slug">Slug</label>
        <input
          id="detected-slug"
          name="slug"
          type="text"
          value={detected.slug}
          maxlength={63}
          pattern="[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?"
          required
        />
      </div>
      <div class="field">
        <label for="detected-display-name">Name</label>
        <input
          id="detected-display-name"
          name="name"
          type="text"
          value={detected.name}
          maxlength={200}
          required
        />
      </div>
      <IntervalField id="detected-interval" value={detected.interval} />
      {detected.components.length > 0 ? (
        <ComponentPicker
          idPrefix="detected-component"
          components={detected.components}
          picked={detected.picked}
        />
      ) : (
        <p class="field-hint">
          The page lists no components: every incident on it will count and notify.
        </p>
      )}
      <button type="submit">Add {detected.name}</button>
    </ProtectedForm>
  </section>
);

export const WatchListPage: FC<WatchListProps> = (props) => (
  <Layout title="Watch list" assets={props.assets} current="manage">
    <h1>Watch list</h1>
    <ManageNav current="vendors" />
    {props.done && (
      <Notice>
        <p>{props.done}</p>
      </Notice>
    )}
    {props.pushUrl && <PushUrlNotice push={props.pushUrl} />}
    <ErrorNotice message={props.error} />
    <WatchTable vendors={props.vendors} probeForm={props.probeForm ?? null} />

    <h2 id="catalog-title">Add from the catalog</h2>
    <CatalogSearchForm search={props.search} platforms={props.platforms} />
    {props.results && <CatalogResults results={props.results} />}

    <h2 id="paste-title">Add any status page</h2>
    <p class="field-hint">
      Paste the address of a status page: vendorwatch finds its platform and components, and you
      choose which components to follow before adding it.
    </p>
    <ProtectedForm
      action="/manage/vendors/detect"
      class="form-stack"
      aria-label="Detect a status page"
    >
      <div class="field">
        <label for="paste-url">Status page URL</label>
        <input
          id="paste-url"
          name="url"
          type="url"
          value={props.pastedUrl}
          maxlength={2048}
          placeholder="https://status.example.com"
          required
        />
      </div>
      <button type="submit">Detect</button>
    </ProtectedForm>
    {props.detected && <DetectedForm detected={props.detected} />}
  </Layout>
);
