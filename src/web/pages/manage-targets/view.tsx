// /manage/targets: every notification target with its state, a form per channel type (derived
// from the channel registry), and per target its details, "Send test" with the result inline,
// turn off/on, remove, an edit form and its recent deliveries. Secrets are write-only: a set one
// shows as "set" and is replaced by typing a new one. Every form is a ProtectedForm (CSRF token)
// and works without JavaScript; app.js only narrows the component picker to the chosen vendors.
import type { FC } from 'hono/jsx';
import { eventTypes, impacts } from '../../../domain/vocabulary.js';
import type { DeliveryView, VendorChoice } from '../../../store/index.js';
import type {
  TestSendView,
  WebChannelField,
  WebChannelForm,
  WebTargetView,
} from '../../api/targets.js';
import { DeliveryTable } from '../deliveries/delivery-tables.js';
import { eventLabels, impactLabels } from '../shared/format.js';
import { ErrorNotice, Notice } from '../shared/form-parts.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { Ago, Time } from '../shared/parts.js';
import { ManageNav } from '../shared/manage-nav.js';
import { ProtectedForm } from '../shared/protected-form.js';
import type { TargetFormState } from './target-form.js';

/** A configured board a target may be limited to. */
export interface BoardChoice {
  slug: string;
  name: string;
}

/** The state as people read it; "Turned off" is an admin's doing, the others the dispatcher's. */
function stateText(target: WebTargetView): { label: string; css: string } {
  if (!target.enabled) return { label: 'Turned off', css: 'target-disabled' };
  if (target.state === 'disabled')
    return { label: 'Disabled (destination gone)', css: 'target-disabled' };
  if (target.state === 'quarantined') return { label: 'Quarantined', css: 'target-quarantined' };
  return { label: 'Active', css: 'target-active' };
}

function filterSummary(target: WebTargetView): string {
  const parts: string[] = [];
  parts.push(target.vendors ? `vendors: ${target.vendors.join(', ')}` : 'every vendor');
  if (target.boards) parts.push(`boards: ${target.boards.join(', ')}`);
  if (target.components) {
    const count = Object.values(target.components).reduce((sum, names) => sum + names.length, 0);
    parts.push(`${count} component${count === 1 ? '' : 's'} followed`);
  }
  if (target.minImpact) parts.push(`impact ${target.minImpact} and above`);
  if (target.events)
    parts.push(`${target.events.length} event type${target.events.length === 1 ? '' : 's'}`);
  return parts.join('; ');
}

const targetPath = (name: string) => `/manage/targets/${encodeURIComponent(name)}`;

/** The field a checker's message is about ("url: must be…" → url), to mark it beside its input. */
export function erroredField(message: string | null): { key: string; text: string } | null {
  const match = /^([A-Za-z]+)(?:\[\d+\])?(?:\.[^:]*)?: (.+)$/.exec(message ?? '');
  return match ? { key: match[1]!, text: match[2]! } : null;
}

const FieldError: FC<{ id: string; text: string | null }> = ({ id, text }) =>
  text ? (
    <p class="field-error" id={id}>
      {text}
    </p>
  ) : null;

/** The ids an input is described by: its error first, then its hint. */
function describedBy(...ids: Array<string | null>): string | undefined {
  const present = ids.filter((id): id is string => id !== null);
  return present.length > 0 ? present.join(' ') : undefined;
}

interface ListProps {
  assets: AssetUrls;
  targets: readonly WebTargetView[];
  forms: readonly WebChannelForm[];
  done: string | null;
  error: string | null;
}

export const TargetListPage: FC<ListProps> = (props) => (
  <Layout title="Notification targets" assets={props.assets} current="manage">
    <h1>Notification targets</h1>
    <ManageNav current="targets" />
    {props.done && (
      <Notice>
        <p>{props.done}</p>
      </Notice>
    )}
    <ErrorNotice message={props.error} />
    {props.targets.length === 0 ? (
      <div class="empty-state" data-testid="no-targets">
        <p>
          <strong>No notification targets yet.</strong> vendorwatch records incidents but tells no
          one. Add a target below, or list one under <code>notifications</code> in the config file.
        </p>
      </div>
    ) : (
      <div class="table-wrap">
        <table class="stack-table user-table manage-target-table">
          <caption class="visually-hidden">Notification targets</caption>
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Type</th>
              <th scope="col">Defined in</th>
              <th scope="col">State</th>
              <th scope="col">Sends</th>
            </tr>
          </thead>
          <tbody>
            {props.targets.map((target) => {
              const state = stateText(target);
              return (
                <tr data-target={target.name}>
                  <td class="lead-cell">
                    <a href={targetPath(target.name)}>{target.name}</a>
                    <div class="muted">{target.destination}</div>
                  </td>
                  <td data-label="Type">{target.type}</td>
                  <td data-label="Defined in">
                    {target.origin === 'config' ? 'config file' : 'this page or the API'}
                  </td>
                  <td data-label="State">
                    <span class={`badge ${state.css}`}>{state.label}</span>
                  </td>
                  <td data-label="Sends">{filterSummary(target)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    )}
    <h2 id="add-title">Add a target</h2>
    <p class="field-hint">
      Choose where vendorwatch sends; each form checks what the config file checks. Secrets (webhook
      URLs, keys, tokens, passwords) are stored but never shown again.
    </p>
    <ul class="channel-list" aria-labelledby="add-title">
      {props.forms.map((form) => (
        <li>
          <a href={`/manage/targets/new/${form.type}`}>{form.label}</a>{' '}
          <span class="muted">{form.summary}</span>
        </li>
      ))}
    </ul>
  </Layout>
);

const ChannelInput: FC<{
  field: WebChannelField;
  value: string;
  secretSet: boolean;
  idPrefix: string;
  error: string | null;
}> = ({ field, value, secretSet, idPrefix, error }) => {
  const id = `${idPrefix}-field-${field.key}`;
  const hints = [
    field.hint,
    field.secret
      ? secretSet
        ? 'Set. Leave empty to keep it; type a new value to replace it. It is never shown.'
        : 'Secret: stored, never shown again.'
      : null,
  ].filter((hint): hint is string => hint !== null);
  const required = field.required && !(field.secret && secretSet);
  const described = describedBy(
    error ? `${id}-error` : null,
    hints.length > 0 ? `${id}-hint` : null,
  );
  return (
    <div class="field">
      <label for={id}>
        {field.label}
        {field.required ? '' : ' (optional)'}
        {field.secret && secretSet && <span class="badge secret-set"> set</span>}
      </label>
      {field.kind === 'list' ? (
        <textarea
          id={id}
          name={`field-${field.key}`}
          rows={3}
          required={required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
        >
          {value}
        </textarea>
      ) : (
        <input
          id={id}
          name={`field-${field.key}`}
          type={field.secret ? 'password' : 'text'}
          value={field.secret ? '' : value}
          autocomplete="off"
          spellcheck={false}
          maxlength={2048}
          required={required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
        />
      )}
      <FieldError id={`${id}-error`} text={error} />
      {hints.length > 0 && (
        <p class="field-hint" id={`${id}-hint`}>
          {hints.join(' ')}
        </p>
      )}
      {field.secret && secretSet && !field.required && (
        <label class="check">
          <input type="checkbox" name="clear" value={field.key} /> Remove the{' '}
          {field.label.toLowerCase()}
        </label>
      )}
    </div>
  );
};

/** Vendors, their components (a group per watched vendor), minimum impact and event types. */
const FilterFields: FC<{
  state: TargetFormState;
  vendors: readonly VendorChoice[];
  boards: readonly BoardChoice[];
  idPrefix: string;
}> = ({ state, vendors, boards, idPrefix }) => {
  const watched = new Set(vendors.map((vendor) => vendor.slug));
  const other = state.vendors.filter((slug) => !watched.has(slug));
  return (
    <div class="target-filters" data-target-filters>
      <fieldset>
        <legend>Vendors</legend>
        <p class="field-hint">None chosen: every vendor.</p>
        {vendors.length === 0 && (
          <p class="field-hint">No vendor is watched yet; name slugs below.</p>
        )}
        <div class="check-grid">
          {vendors.map((vendor) => (
            <label class="check">
              <input
                type="checkbox"
                name="vendors"
                value={vendor.slug}
                checked={state.vendors.includes(vendor.slug)}
                data-vendor-choice={vendor.slug}
              />{' '}
              {vendor.name}
            </label>
          ))}
        </div>
        <div class="field">
          <label for={`${idPrefix}-vendors-other`}>Other vendor slugs (optional)</label>
          <input
            id={`${idPrefix}-vendors-other`}
            name="vendors-other"
            type="text"
            value={other.join(', ')}
            maxlength={2048}
            aria-describedby={`${idPrefix}-vendors-other-hint`}
          />
          <p class="field-hint" id={`${idPrefix}-vendors-other-hint`}>
            Comma-separated, for vendors not watched yet.
          </p>
        </div>
      </fieldset>
      {vendors.some((vendor) => vendor.components.length > 0) && (
        <fieldset>
          <legend>Components</legend>
          <p class="field-hint">
            For a vendor with components chosen, only incidents touching them are sent; none chosen:
            all of its components.
          </p>
          {vendors
            .filter((vendor) => vendor.components.length > 0)
            .map((vendor) => {
              const chosen = vendor.components.filter((name) =>
                state.components.includes(`${vendor.slug}:${name}`),
              );
              return (
                <details
                  class="component-group"
                  data-components-of={vendor.slug}
                  open={chosen.length > 0}
                >
                  <summary>
                    {vendor.name}
                    {chosen.length > 0 ? ` (${chosen.length} chosen)` : ''}
                  </summary>
                  <div class="check-grid">
                    {vendor.components.map((name) => (
                      <label class="check">
                        <input
                          type="checkbox"
                          name="components"
                          value={`${vendor.slug}:${name}`}
                          checked={chosen.includes(name)}
                        />{' '}
                        {name}
                      </label>
                    ))}
                  </div>
                </details>
              );
            })}
        </fieldset>
      )}
      {boards.length > 0 && (
        <fieldset>
          <legend>Boards</legend>
          <p class="field-hint">
            Chosen: only events of the vendors and components on these boards. None: no board
            filter.
          </p>
          <div class="check-grid">
            {boards.map((board) => (
              <label class="check">
                <input
                  type="checkbox"
                  name="boards"
                  value={board.slug}
                  checked={state.boards.includes(board.slug)}
                />{' '}
                {board.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div class="field">
        <label for={`${idPrefix}-min-impact`}>Minimum impact</label>
        <select id={`${idPrefix}-min-impact`} name="minImpact">
          <option value="" selected={state.minImpact === ''}>
            any
          </option>
          {impacts.map((impact) => (
            <option value={impact} selected={state.minImpact === impact}>
              {impactLabels[impact]}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>Event types</legend>
        <p class="field-hint">None chosen: every event type.</p>
        <div class="check-grid">
          {eventTypes.map((type) => (
            <label class="check">
              <input
                type="checkbox"
                name="events"
                value={type}
                checked={state.events.includes(type)}
              />{' '}
              {eventLabels[type]}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
};

interface NewProps {
  assets: AssetUrls;
  form: WebChannelForm;
  state: TargetFormState;
  vendors: readonly VendorChoice[];
  boards: readonly BoardChoice[];
  error: string | null;
}

export const NewTargetPage: FC<NewProps> = (props) => {
  const errored = erroredField(props.error);
  const nameError = errored?.key === 'name' ? errored.text : null;
  return (
    <Layout title={`Add a ${props.form.label} target`} assets={props.assets} current="manage">
      <h1>Add a {props.form.label} target</h1>
      <ManageNav current="targets" />
      <p>
        <a href="/manage/targets">All notification targets</a>
      </p>
      <p class="field-hint">{props.form.summary}</p>
      <ErrorNotice
        message={props.error ? `Not added: ${props.error}. Fix it and add again.` : null}
      />
      <ProtectedForm
        action={`/manage/targets/new/${props.form.type}`}
        class="form-stack target-form"
        aria-label={`Add a ${props.form.label} target`}
      >
        <div class="field">
          <label for="new-name">Name</label>
          <input
            id="new-name"
            name="name"
            type="text"
            value={props.state.name}
            required
            maxlength={63}
            pattern="[a-z0-9][a-z0-9\-]{0,62}"
            autocomplete="off"
            aria-invalid={nameError ? 'true' : undefined}
            aria-describedby={describedBy(nameError ? 'new-name-error' : null, 'new-name-hint')}
          />
          <FieldError id="new-name-error" text={nameError} />
          <p class="field-hint" id="new-name-hint">
            Lowercase letters, digits and dashes, e.g. ops-slack. Deliveries are listed under it.
          </p>
        </div>
        {props.form.fields.map((field) => (
          <ChannelInput
            field={field}
            value={props.state.fields[field.key] ?? ''}
            secretSet={false}
            idPrefix="new"
            error={errored?.key === field.key ? errored.text : null}
          />
        ))}
        <FilterFields
          state={props.state}
          vendors={props.vendors}
          boards={props.boards}
          idPrefix="new"
        />
        <button type="submit">Add target</button>
      </ProtectedForm>
    </Layout>
  );
};

interface DetailProps {
  assets: AssetUrls;
  target: WebTargetView;
  now: string;
  done: string | null;
  error: string | null;
  test: TestSendView | null;
  /** The edit form (API targets only). */
  edit: {
    form: WebChannelForm;
    state: TargetFormState;
    secretsSet: readonly string[];
    vendors: readonly VendorChoice[];
    boards: readonly BoardChoice[];
    error: string | null;
  } | null;
  deliveries: readonly DeliveryView[];
  vendorName: (event: DeliveryView['event']) => string;
}

const TestResult: FC<{ test: TestSendView }> = ({ test }) =>
  test.ok ? (
    <div class="notice test-result" role="status" data-test-result="sent">
      <p>
        <strong>Test sent:</strong> {test.detail} in {test.ms} ms.
      </p>
    </div>
  ) : (
    <div class="error-message test-result" role="alert" data-test-result="failed">
      <p>
        <strong>Test failed</strong> ({test.kind === 'retry' ? 'temporary' : test.kind}):{' '}
        {test.error}
      </p>
      <p>Check the destination and its credentials, then send again.</p>
    </div>
  );

export const TargetDetailPage: FC<DetailProps> = (props) => {
  const { target } = props;
  const state = stateText(target);
  const path = targetPath(target.name);
  const editErrored = erroredField(props.edit?.error ?? null);
  return (
    <Layout title={`Target ${target.name}`} assets={props.assets} current="manage">
      <h1>Target {target.name}</h1>
      <ManageNav current="targets" />
      <p>
        <a href="/manage/targets">All notification targets</a>
      </p>
      {props.done && (
        <Notice>
          <p>{props.done}</p>
        </Notice>
      )}
      <ErrorNotice message={props.error} />
      {props.test && <TestResult test={props.test} />}
      <dl class="account-facts target-facts">
        <dt>Type</dt>
        <dd>{target.type}</dd>
        <dt>Sends to</dt>
        <dd>{target.destination}</dd>
        <dt>State</dt>
        <dd>
          <span class={`badge ${state.css}`}>{state.label}</span>
          {!target.enabled && target.turnedOffBy && (
            <>
              {' '}
              by {target.turnedOffBy}
              {target.turnedOffAt && (
                <>
                  , <Time at={target.turnedOffAt} />
                </>
              )}
            </>
          )}
        </dd>
        {target.reason && (
          <>
            <dt>Why</dt>
            <dd>{target.reason}</dd>
          </>
        )}
        <dt>Last success</dt>
        <dd>
          {target.lastSuccessAt ? <Ago at={target.lastSuccessAt} now={props.now} /> : 'never'}
        </dd>
        {target.lastError && target.failures > 0 && (
          <>
            <dt>Last error</dt>
            <dd class="error-cell">{target.lastError}</dd>
          </>
        )}
        <dt>Sends</dt>
        <dd>{filterSummary(target)}</dd>
      </dl>
      {target.origin === 'config' && (
        <Notice>
          <p>
            This target is defined in the config file: change it in the config file (and restart or
            reload vendorwatch). You can still send it a test message.
          </p>
        </Notice>
      )}
      <div class="row-actions target-actions">
        <ProtectedForm
          action={`${path}/test`}
          class="inline-form"
          aria-label={`Send a test message to ${target.name}`}
        >
          <button type="submit">Send test</button>
        </ProtectedForm>
        {target.origin === 'api' && (
          <>
            <ProtectedForm
              action={`${path}/${target.enabled ? 'disable' : 'enable'}`}
              class="inline-form"
              aria-label={`${target.enabled ? 'Turn off' : 'Turn on'} ${target.name}`}
            >
              <button type="submit">{target.enabled ? 'Disable' : 'Enable'}</button>
            </ProtectedForm>
            <ProtectedForm
              action={`${path}/remove`}
              class="inline-form"
              aria-label={`Remove ${target.name}`}
            >
              <button type="submit" class="danger">
                Remove<span class="visually-hidden"> {target.name}</span>
              </button>
            </ProtectedForm>
          </>
        )}
      </div>
      {target.origin === 'api' && (
        <p class="field-hint">
          Disabled: nothing is sent to it, and deliveries waiting for it are skipped (listed below
          as Skipped), not sent later. Enabled again, it gets the next event. Removing it fails what
          still waits; sent deliveries stay listed.
        </p>
      )}
      <h2>Recent deliveries</h2>
      {props.deliveries.length > 0 ? (
        <>
          <DeliveryTable deliveries={props.deliveries} vendorName={props.vendorName} />
          <p>
            <a href={`/deliveries?target=${encodeURIComponent(target.name)}`}>
              All deliveries to {target.name}
            </a>
          </p>
        </>
      ) : (
        <p class="empty-state">
          Nothing delivered yet: deliveries appear here when a watched vendor posts an incident this
          target wants. A test message is not listed; its result shows above.
        </p>
      )}
      {props.edit && (
        <>
          <h2 id="edit-title">Change {target.name}</h2>
          <ErrorNotice
            message={
              props.edit.error ? `Not saved: ${props.edit.error}. Fix it and save again.` : null
            }
          />
          <ProtectedForm
            action={`${path}/edit`}
            class="form-stack target-form"
            aria-label={`Change ${target.name}`}
          >
            {props.edit.form.fields.map((field) => (
              <ChannelInput
                field={field}
                value={props.edit!.state.fields[field.key] ?? ''}
                secretSet={props.edit!.secretsSet.includes(field.key)}
                idPrefix="edit"
                error={editErrored?.key === field.key ? editErrored.text : null}
              />
            ))}
            <FilterFields
              state={props.edit.state}
              vendors={props.edit.vendors}
              boards={props.edit.boards}
              idPrefix="edit"
            />
            <button type="submit">Save changes</button>
          </ProtectedForm>
        </>
      )}
    </Layout>
  );
};
