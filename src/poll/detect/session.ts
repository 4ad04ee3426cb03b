// One detection's requests: every URL it tried, in order, and why each one did not fit, so a
// failed detection can say exactly what it looked at.
import type { FetchFailure, Fetcher } from '../../fetch/types.js';

export const accepts = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
  json: 'application/json',
  feed: 'application/atom+xml,application/rss+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.5',
} as const;

type Fetched =
  { ok: true; body: string; finalUrl: string } | { ok: false; failure: FetchFailure | null };

/** Failures that say the host itself cannot be used, not that one path is missing. */
const hostFailures = new Set(['blocked', 'network', 'timeout']);
// Two host-level failures in a row mean the remaining probes would only wait out their timeouts.
const maxHostFailures = 2;

export class DetectSession {
  readonly tried: string[] = [];
  readonly notes: string[] = [];
  private hostFailureCount = 0;
  blocked: FetchFailure | null = null;

  constructor(
    private readonly fetcher: Fetcher,
    private readonly signal?: AbortSignal,
  ) {}

  /** True once probing more paths on this host is pointless (refused, unreachable). */
  get exhausted(): boolean {
    return this.blocked !== null || this.hostFailureCount >= maxHostFailures;
  }

  async get(url: string, accept: string): Promise<Fetched> {
    this.tried.push(url);
    const result = await this.fetcher.fetch({ url, accept, signal: this.signal });
    if (!result.ok) {
      this.note(url, result.error.message);
      if (result.error.kind === 'blocked') this.blocked = result.error;
      if (hostFailures.has(result.error.kind)) this.hostFailureCount += 1;
      return { ok: false, failure: result.error };
    }
    this.hostFailureCount = 0;
    if (result.notModified) {
      this.note(url, 'unexpected 304 Not Modified');
      return { ok: false, failure: null };
    }
    return { ok: true, body: result.body, finalUrl: result.finalUrl };
  }

  note(url: string, why: string): void {
    this.notes.push(`${url}: ${why}`);
  }

  /** Why the probes did not fit, the first few in order. */
  describeFailures(limit = 4): string {
    const shown = this.notes.slice(0, limit).join('; ');
    const more = this.notes.length - limit;
    return more > 0 ? `${shown}; and ${more} more` : shown;
  }
}
