// The "Probes" part of a vendor on the watch list (docs/contract.md#probes): its probes listed with
// a remove button each, and a small form to add one, every mistake beside its field. A config
// vendor's probes are listed read-only: the file is where they change. Plain forms: no JavaScript.
import type { FC } from 'hono/jsx';
import type { ProbeSpec } from '../../../domain/probe.js';
import type { WatchedVendor } from '../../../store/index.js';
import { ProtectedForm } from '../shared/protected-form.js';
import type { ProbeFormErrors, ProbeFormValues } from './probe-form.js';

/** The add form as it came back (values and errors) for one vendor. */
export interface ProbeFormState {
  slug: string;
  values: ProbeFormValues;
  errors: ProbeFormErrors;
}

function intervalText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function expectText(spec: ProbeSpec): string {
  const status = spec.expectStatus === '2xx' ? '2xx' : spec.expectStatus.join(', ');
  return spec.bodyIncludes === null ? status : `${status} and “${spec.bodyIncludes}”`;
}

const ProbeFacts: FC<{ spec: ProbeSpec }> = ({ spec }) => (
  <span class="probe-facts">
    <strong>{spec.name}</strong> <span class="muted">{spec.method}</span>{' '}
    <code class="probe-url">{spec.url}</code>{' '}
    <span class="muted">
      expects {expectText(spec)} · every {intervalText(spec.intervalSeconds)}
    </span>
  </span>
);

/** A config vendor's probes: what the file sets, without buttons. */
export const ConfigProbes: FC<{ vendor: WatchedVendor }> = ({ vendor }) =>
  vendor.probes.length === 0 ? null : (
    <details class="row-details">
      <summary>
        Probes ({vendor.probes.length})<span class="visually-hidden"> of {vendor.name}</span>
      </summary>
      <ul class="watch-probes" aria-label={`Probes of ${vendor.name}`}>
        {vendor.probes.map((spec) => (
          <li data-probe={spec.name}>
            <ProbeFacts spec={spec} />
          </li>
        ))}
      </ul>
      <p class="field-hint">
        Set in the config file: change them there (its <code>vendors[].probes</code>).
      </p>
    </details>
  );

const FieldError: FC<{ id: string; text: string | undefined }> = ({ id, text }) =>
  text ? (
    <p class="field-error" id={id}>
      {text}
    </p>
  ) : null;

const ProbeInput: FC<{
  id: string;
  name: keyof ProbeFormValues;
  label: string;
  state: ProbeFormState;
  type?: 'text' | 'url';
  hint?: string;
  maxlength: number;
  required?: boolean;
}> = ({ id, name, label, state, type = 'text', hint, maxlength, required }) => {
  const error = state.errors[name];
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <FieldError id={`${id}-error`} text={error} />
      <input
        id={id}
        name={name}
        type={type}
        value={state.values[name]}
        maxlength={maxlength}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
};

/** A run-time vendor's probes: listed with remove, and the form that adds one. */
export const ProbePart: FC<{ vendor: WatchedVendor; state: ProbeFormState }> = ({
  vendor,
  state,
}) => {
  const id = (field: string) => `probe-${field}-${vendor.slug}`;
  const methodError = state.errors.method;
  return (
    <section class="probe-part" aria-label={`Probes of ${vendor.name}`}>
      <h3 class="probe-part-title">Probes</h3>
      <p class="field-hint">
        Requests to the vendor's own endpoints: failing ones make it suspected before it posts.
      </p>
      {vendor.probes.length === 0 ? (
        <p class="muted">No probes yet.</p>
      ) : (
        <ul class="watch-probes">
          {vendor.probes.map((spec) => (
            <li data-probe={spec.name}>
              <ProbeFacts spec={spec} />
              <ProtectedForm
                action={`/manage/vendors/${vendor.slug}/probes/remove`}
                class="inline-form"
                aria-label={`Remove probe ${spec.name} of ${vendor.name}`}
              >
                <input type="hidden" name="probe" value={spec.name} />
                <button type="submit" class="danger">
                  Remove<span class="visually-hidden"> probe {spec.name}</span>
                </button>
              </ProtectedForm>
            </li>
          ))}
        </ul>
      )}
      <ProtectedForm
        action={`/manage/vendors/${vendor.slug}/probes/add`}
        class="form-stack"
        aria-label={`Add a probe to ${vendor.name}`}
      >
        <FieldError id={id('form-error')} text={state.errors.form} />
        <ProbeInput
          id={id('name')}
          name="name"
          label="Probe name"
          state={state}
          maxlength={40}
          hint="Letters, digits, spaces, . _ - (up to 40); unique for this vendor."
          required
        />
        <ProbeInput
          id={id('url')}
          name="url"
          label="URL"
          type="url"
          state={state}
          maxlength={2048}
          required
        />
        <div class="field">
          <label for={id('method')}>Method</label>
          <FieldError id={`${id('method')}-error`} text={methodError} />
          <select id={id('method')} name="method" aria-invalid={methodError ? 'true' : undefined}>
            <option value="GET" selected={state.values.method !== 'HEAD'}>
              GET
            </option>
            <option value="HEAD" selected={state.values.method === 'HEAD'}>
              HEAD (no body read)
            </option>
          </select>
        </div>
        <ProbeInput
          id={id('expect')}
          name="expect"
          label="Expect status"
          state={state}
          maxlength={100}
          hint="2xx, or codes such as 200, 401."
        />
        <ProbeInput
          id={id('body')}
          name="bodyIncludes"
          label="Body includes (optional)"
          state={state}
          maxlength={200}
          hint="Text the answer must contain; GET only."
        />
        <ProbeInput
          id={id('interval')}
          name="interval"
          label="Every"
          state={state}
          maxlength={12}
          hint="At least 1s, e.g. 30s or 5m."
        />
        <button type="submit">
          Add probe<span class="visually-hidden"> to {vendor.name}</span>
        </button>
      </ProtectedForm>
    </section>
  );
};
