// A vendor's probes as the API reads and writes them: the config file's shape (docs/contract.md
// #probes), intervals and timeouts in seconds, so what GET shows can be sent back with PATCH.
import { describeProbeIssue, parseProbeList } from '../../config/load.js';
import type { ProbeSpec } from '../../domain/probe.js';
import { WriteError } from './write-support.js';

export interface ProbeBody {
  name: string;
  url: string;
  method: string;
  expect: { status: '2xx' | number[]; bodyIncludes?: string };
  interval: number;
  timeout: number;
}

export function presentProbe(spec: ProbeSpec): ProbeBody {
  return {
    name: spec.name,
    url: spec.url,
    method: spec.method,
    expect: {
      status: spec.expectStatus === '2xx' ? '2xx' : [...spec.expectStatus],
      ...(spec.bodyIncludes === null ? {} : { bodyIncludes: spec.bodyIncludes }),
    },
    interval: spec.intervalSeconds,
    timeout: spec.timeoutSeconds,
  };
}

/** The whole list, by the config's rules; a 400 naming each mistake's field otherwise. */
export function validProbes(value: unknown): ProbeSpec[] {
  if (!Array.isArray(value)) {
    throw new WriteError(
      400,
      'invalid_body',
      'probes must be a list of probes ([] for none), each {name, url, method?, expect?, interval?, timeout?}',
    );
  }
  const parsed = parseProbeList(value);
  if (parsed.ok) return parsed.probes;
  const messages = parsed.issues.slice(0, 5).map((issue) => describeProbeIssue('probes', issue));
  throw new WriteError(400, 'invalid_body', messages.join('; '));
}

/** A vendor's own suspectAfter (1–100), or null for the global one. */
export function validSuspectAfter(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
    throw new WriteError(
      400,
      'invalid_body',
      'suspectAfter must be a whole number from 1 to 100, or null for the global one',
    );
  }
  return value;
}
