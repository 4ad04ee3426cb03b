// The fetcher's contract: every request ends in a typed result within its deadline.

export type FetchErrorKind = 'http' | 'network' | 'timeout' | 'parse' | 'too_large' | 'blocked';

export interface FetchFailure {
  kind: FetchErrorKind;
  /** One readable line for people; never contains the response body. */
  message: string;
  /** HTTP status when the server answered. */
  status?: number;
  /** Seconds the server asked us to wait (Retry-After), when it did. */
  retryAfterSeconds?: number;
}

export interface ConditionalValidators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | {
      ok: true;
      notModified: false;
      status: number;
      /** Decoded text (UTF-8 with replacement characters; BOM removed). */
      body: string;
      bytes: number;
      finalUrl: string;
      validators: ConditionalValidators;
    }
  | {
      ok: true;
      notModified: true;
      status: 304;
      finalUrl: string;
      validators: ConditionalValidators;
    }
  | { ok: false; error: FetchFailure };

export interface FetchOptions {
  url: string;
  validators?: ConditionalValidators | null;
  signal?: AbortSignal;
  /** Accept header for this request; defaults to application/json (feeds pass their XML types). */
  accept?: string;
  /** GET unless a probe asks for HEAD (no body is read then). */
  method?: 'GET' | 'HEAD';
  /** A deadline shorter than the fetcher's total one (a probe's own timeout); never longer. */
  timeoutMs?: number;
}

export interface Fetcher {
  fetch(options: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

export interface FetcherSettings {
  allowPrivateAddresses: boolean;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** Bounds the whole exchange, body included, so a server that drips bytes still times out. */
  totalTimeoutMs: number;
  /** Cap on decompressed body bytes. */
  maxBodyBytes: number;
  maxRedirects: number;
  perHostConcurrency: number;
  userAgent: string;
  /** Resolves a host name to all of its addresses; injectable so tests can map names. */
  resolve?: (hostname: string) => Promise<string[]>;
}

export const defaultFetcherSettings: FetcherSettings = {
  allowPrivateAddresses: false,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  totalTimeoutMs: 30_000,
  maxBodyBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 4,
  userAgent: 'vendorwatch/0.1 (self-hosted status page watcher)',
};
