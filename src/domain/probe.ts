// A probe: one request to a vendor's real endpoint (its API, its health check), judged against
// what the config expects. Pure: the runner (src/poll/probes.ts) fetches, this decides.

export const probeMethods = ['GET', 'HEAD'] as const;
export type ProbeMethod = (typeof probeMethods)[number];

export interface ProbeSpec {
  /** Unique within the vendor; the metric label and the name on the vendor page. */
  name: string;
  url: string;
  method: ProbeMethod;
  /** '2xx': any 200–299; a list: exactly these codes. */
  expectStatus: '2xx' | readonly number[];
  /** Text the body must contain (GET only); null for none. */
  bodyIncludes: string | null;
  intervalSeconds: number;
  timeoutSeconds: number;
}

/** What the fetcher got, cut down to what a verdict needs. */
export type ProbeResponse =
  | { kind: 'answered'; status: number; body: string | null }
  | {
      kind: 'failed';
      /** The server answered something (a body too large, an unreadable encoding). */
      reached: boolean;
      error: string;
    };

export interface ProbeVerdict {
  ok: boolean;
  status: number | null;
  /** Why it failed, one line for people; null when it passed. */
  error: string | null;
  /** False when nothing answered: counts toward "our own network is down". */
  reached: boolean;
}

function statusExpected(spec: ProbeSpec, status: number): boolean {
  return spec.expectStatus === '2xx'
    ? status >= 200 && status < 300
    : spec.expectStatus.includes(status);
}

function describeExpected(spec: ProbeSpec): string {
  return spec.expectStatus === '2xx' ? '2xx' : spec.expectStatus.join(' or ');
}

export function judgeProbe(spec: ProbeSpec, response: ProbeResponse): ProbeVerdict {
  if (response.kind === 'failed') {
    return { ok: false, status: null, error: response.error, reached: response.reached };
  }
  const { status, body } = response;
  if (!statusExpected(spec, status)) {
    return {
      ok: false,
      status,
      error: `HTTP ${status}, expected ${describeExpected(spec)}`,
      reached: true,
    };
  }
  if (spec.bodyIncludes !== null && !(body ?? '').includes(spec.bodyIncludes)) {
    return {
      ok: false,
      status,
      error: `HTTP ${status} without the expected text in the body`,
      reached: true,
    };
  }
  return { ok: true, status, error: null, reached: true };
}
