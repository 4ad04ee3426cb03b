// A posted target form → the target the config file and the API would take, and back: what the
// form shows again after a validation error (never a secret). Field names: `name`, `field-<key>`
// for the channel's own fields, `vendors` (checkboxes) and `vendors-other` (slugs), `components`
// (checkboxes, "slug:name"), `boards` (checkboxes), `minImpact`, `events` (checkboxes), `clear`
// (secrets to drop).
import type { Context } from 'hono';
import { HttpError } from '../../http-error.js';
import type { WebChannelForm, WebTargetView } from '../../api/targets.js';

const maxFormBytes = 64 * 1024;

/** What the user entered, as the form shows it again; secret fields are never kept. */
export interface TargetFormState {
  name: string;
  fields: Record<string, string>;
  vendors: string[];
  components: string[];
  boards: string[];
  minImpact: string;
  events: string[];
}

export const emptyFormState: TargetFormState = {
  name: '',
  fields: {},
  vendors: [],
  components: [],
  boards: [],
  minImpact: '',
  events: [],
};

export type PostedForm = Record<string, string[]>;

/** Every field of the posted form, repeated ones (checkboxes) as lists, from at most 64 KiB. */
export async function readPostedForm(c: Context): Promise<PostedForm> {
  const length = Number(c.req.header('content-length') ?? '0');
  if (!Number.isFinite(length) || length > maxFormBytes) {
    throw new HttpError(413, 'invalid_parameter', `a form may have at most ${maxFormBytes} bytes`);
  }
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b|^multipart\/form-data\b/i.test(type)) return {};
  const body = await c.req.parseBody({ all: true });
  const form: PostedForm = {};
  for (const [key, value] of Object.entries(body)) {
    const list = Array.isArray(value) ? value : [value];
    form[key] = list.filter((item): item is string => typeof item === 'string');
  }
  return form;
}

const first = (form: PostedForm, key: string) => (form[key]?.[0] ?? '').trim();
const all = (form: PostedForm, key: string) =>
  (form[key] ?? []).map((value) => value.trim()).filter((value) => value !== '');
const words = (text: string) => text.split(/[\s,]+/).filter((word) => word !== '');

/** The form's component choices ("slug:name") as the target's `components` filter. */
function componentFilter(choices: readonly string[]): Record<string, string[]> | undefined {
  const filter: Record<string, string[]> = {};
  for (const choice of choices) {
    const colon = choice.indexOf(':');
    if (colon <= 0) continue;
    const slug = choice.slice(0, colon);
    (filter[slug] ??= []).push(choice.slice(colon + 1));
  }
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/**
 * The target as JSON for the admin's checks: an empty field is left out (so a required one is
 * reported missing, as in the config file), a list field is split on lines and commas.
 */
export function targetBody(form: PostedForm, channel: WebChannelForm): Record<string, unknown> {
  const body: Record<string, unknown> = { name: first(form, 'name'), type: channel.type };
  for (const field of channel.fields) {
    const raw = (form[`field-${field.key}`]?.[0] ?? '').trim();
    if (raw === '') continue;
    body[field.key] = field.kind === 'list' ? words(raw) : raw;
  }
  const vendors = [...new Set([...all(form, 'vendors'), ...words(first(form, 'vendors-other'))])];
  if (vendors.length > 0) body.vendors = vendors;
  const components = componentFilter(all(form, 'components'));
  if (components) body.components = components;
  const boards = all(form, 'boards');
  if (boards.length > 0) body.boards = boards;
  const minImpact = first(form, 'minImpact');
  if (minImpact !== '') body.minImpact = minImpact;
  const events = all(form, 'events');
  if (events.length > 0) body.events = events;
  return body;
}

/** The secrets the user asked to drop (an optional one, e.g. a webhook's signing secret). */
export function clearedSecrets(form: PostedForm, channel: WebChannelForm): string[] {
  const asked = all(form, 'clear');
  return channel.fields.filter((f) => f.secret && asked.includes(f.key)).map((f) => f.key);
}

/** The form as entered, to show again with the error: non-secret fields only. */
export function formState(form: PostedForm, channel: WebChannelForm): TargetFormState {
  const fields: Record<string, string> = {};
  for (const field of channel.fields) {
    if (!field.secret) fields[field.key] = form[`field-${field.key}`]?.[0] ?? '';
  }
  return {
    name: first(form, 'name'),
    fields,
    vendors: [...all(form, 'vendors'), ...words(first(form, 'vendors-other'))],
    components: all(form, 'components'),
    boards: all(form, 'boards'),
    minImpact: first(form, 'minImpact'),
    events: all(form, 'events'),
  };
}

/** A stored target as its edit form starts: its filters and its non-secret fields. */
export function storedFormState(
  target: WebTargetView,
  values: Record<string, string>,
): TargetFormState {
  return {
    name: target.name,
    fields: values,
    vendors: target.vendors ?? [],
    components: Object.entries(target.components ?? {}).flatMap(([slug, names]) =>
      names.map((name) => `${slug}:${name}`),
    ),
    boards: target.boards ?? [],
    minImpact: target.minImpact ?? '',
    events: target.events ?? [],
  };
}
