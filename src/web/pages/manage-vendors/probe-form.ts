// The watch list's "add a probe" form: its fields turned into a probe in the config file's shape,
// checked with the vendor's other probes by the config's rules (config/load.ts parseProbeList), and
// each mistake put beside the field it is about.
import { parseProbeList } from '../../../config/load.js';
import type { ProbeSpec } from '../../../domain/probe.js';
import { presentProbe } from '../../api/probe-body.js';

export const probeFields = ['name', 'url', 'method', 'expect', 'bodyIncludes', 'interval'] as const;
export type ProbeField = (typeof probeFields)[number];

/** What was typed, kept when the form comes back with errors. */
export type ProbeFormValues = Record<ProbeField, string>;

export const emptyProbeForm: ProbeFormValues = {
  name: '',
  url: '',
  method: 'GET',
  expect: '2xx',
  bodyIncludes: '',
  interval: '30s',
};

export type ProbeFormErrors = Partial<Record<ProbeField | 'form', string>>;

/** `2xx`, or status codes separated by commas or spaces; null when it is neither. */
function parseExpect(text: string): '2xx' | number[] | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || trimmed === '2xx') return '2xx';
  const parts = trimmed.split(/[\s,]+/).filter((part) => part !== '');
  if (!parts.every((part) => /^\d{3}$/.test(part))) return null;
  return parts.map(Number);
}

function fieldOf(path: readonly PropertyKey[]): ProbeField | 'form' {
  const [, key, inner] = path;
  if (key === 'expect') return inner === 'bodyIncludes' ? 'bodyIncludes' : 'expect';
  if (key === 'timeout') return 'form';
  return probeFields.includes(key as ProbeField) ? (key as ProbeField) : 'form';
}

/** The form's fields, read and trimmed (absent ones empty, the method GET). */
export function probeFormValues(form: Record<string, string | undefined>): ProbeFormValues {
  const text = (key: string, max: number) => (form[key] ?? '').trim().slice(0, max);
  return {
    name: text('name', 100),
    url: text('url', 2048),
    // Anything but GET or HEAD is kept, so the rules say so beside the method field.
    method: text('method', 10) || 'GET',
    expect: text('expect', 100),
    bodyIncludes: (form.bodyIncludes ?? '').slice(0, 400),
    interval: text('interval', 12),
  };
}

/** The vendor's probes with the new one last, or the mistakes by field. */
export function addProbe(
  existing: readonly ProbeSpec[],
  values: ProbeFormValues,
): { ok: true; probes: ProbeSpec[]; added: ProbeSpec } | { ok: false; errors: ProbeFormErrors } {
  const status = parseExpect(values.expect);
  if (status === null) {
    return {
      ok: false,
      errors: { expect: 'give 2xx, or status codes such as 200, 401 (from 100 to 599)' },
    };
  }
  const probe = {
    name: values.name,
    url: values.url,
    method: values.method,
    expect: {
      status,
      ...(values.bodyIncludes === '' ? {} : { bodyIncludes: values.bodyIncludes }),
    },
    ...(values.interval === '' ? {} : { interval: values.interval }),
  };
  const parsed = parseProbeList([...existing.map(presentProbe), probe]);
  if (parsed.ok) return { ok: true, probes: parsed.probes, added: parsed.probes.at(-1)! };
  const errors: ProbeFormErrors = {};
  for (const issue of parsed.issues) {
    // The existing probes passed these rules when they were set: only the new one, or the list.
    const aboutNew = issue.path[0] === existing.length;
    const field = aboutNew ? fieldOf(issue.path) : 'form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
