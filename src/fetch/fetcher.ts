// The polling fetcher: every request ends in a typed result within its total deadline. Each hop is
// checked by the address guard and connects only to the addresses it validated; bodies are read
// through a decompressed-size cap; redirects are followed by hand, at most `maxRedirects`.
import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { systemResolve } from './address-guard.js';
import type { AddressPolicy, UrlCheck, UrlRefusal } from './address-guard.js';
import { parseCidrList } from './address-ranges.js';
import { describeError } from './failure.js';
import { HostLimiter } from './host-limiter.js';
import {
  buildRequestHeaders,
  headerValue,
  hostForMessages,
  redirectStatuses,
  redirectTarget,
  responseValidators,
} from './http-response.js';
import { decodeBodyText } from './decode-text.js';
import { AddressBook, createPinnedAgent } from './pinned-agent.js';
import { createDecoders, parseContentEncoding, readCappedBody } from './read-body.js';
import { parseRetryAfter } from './retry-after.js';
import { UrlChecker } from './url-checker.js';
import type {
  FetchErrorKind,
  FetchOptions,
  FetchResult,
  Fetcher,
  FetcherSettings,
} from './types.js';

export interface FetcherConfig extends FetcherSettings {
  /** CIDR ranges reachable although not public (e.g. ['127.0.0.1/32'] for a local simulator). */
  allowedPrivateRanges?: string[];
  /** How long a host's DNS answer is reused; literals and every hop are still checked. */
  dnsCacheTtlMs?: number;
}

const defaultDnsCacheTtlMs = 30_000;
// Error and redirect bodies are drained (to keep the connection) only up to this much, briefly.
const discardLimitBytes = 64 * 1024;
const discardGraceMs = 2_000;

type ResponseData = Dispatcher.ResponseData;
type HopOutcome = { done: FetchResult } | { next: string };

function failure(kind: FetchErrorKind, message: string, extra?: object): FetchResult {
  return { ok: false, error: { kind, message, ...extra } };
}

/**
 * Reads and drops a body we will not use, so the connection can be reused. A 304 has no body,
 * and skipping its timer matters: most polls end in 304s.
 */
async function discard(response: ResponseData): Promise<void> {
  if (response.statusCode === 304 || headerValue(response.headers, 'content-length') === '0') {
    // Awaited, and then one turn of the event loop: undici frees the connection just after the
    // body ends, and a request sent before that would open a second connection to the host.
    await response.body.dump({ limit: discardLimitBytes }).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    return;
  }
  const signal = AbortSignal.timeout(discardGraceMs);
  response.body.dump({ limit: discardLimitBytes, signal }).catch(() => undefined);
}

/** Drops a body we will not read; the listener keeps undici's abort error from going uncaught. */
function abandon(body: ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function refusalResult(refusal: UrlRefusal, redirects: number): FetchResult {
  const message =
    redirects > 0 ? `redirect ${redirects} refused: ${refusal.reason}` : refusal.reason;
  return failure(refusal.kind === 'unresolved' ? 'network' : 'blocked', message);
}

export function createFetcher(config: FetcherConfig): Fetcher {
  parseCidrList(config.allowedPrivateRanges ?? []);
  const book = new AddressBook(
    config.resolve ?? systemResolve,
    config.dnsCacheTtlMs ?? defaultDnsCacheTtlMs,
  );
  const policy: AddressPolicy = {
    allowPrivateAddresses: config.allowPrivateAddresses,
    allowedPrivateRanges: config.allowedPrivateRanges ?? [],
    resolve: (hostname) => book.resolve(hostname),
  };
  const agent = createPinnedAgent({
    book,
    policy,
    connectTimeoutMs: config.connectTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    bodyTimeoutMs: config.totalTimeoutMs,
  });
  const checker = new UrlChecker(policy, book);
  const limiter = new HostLimiter(config.perHostConcurrency);

  /** The guard's verdict on a hop; most hops need no lookup and get it without a promise. */
  async function checkHop(rawUrl: string, signal: AbortSignal): Promise<UrlCheck> {
    const check = checker.check(rawUrl);
    if (check instanceof Promise) return abortable(check, signal);
    signal.throwIfAborted();
    return check;
  }

  async function readSuccess(
    response: ResponseData,
    url: URL,
    signal: AbortSignal,
  ): Promise<FetchResult> {
    const codings = parseContentEncoding(response.headers['content-encoding']);
    const declaredLength = Number(headerValue(response.headers, 'content-length'));
    if (codings.length === 0 && declaredLength > config.maxBodyBytes) {
      abandon(response.body);
      return failure('too_large', `body from ${url.host} exceeds ${config.maxBodyBytes} bytes`);
    }
    let decoders;
    try {
      decoders = createDecoders(codings);
    } catch (error) {
      abandon(response.body);
      throw error;
    }
    const { bytes } = await readCappedBody(response.body, decoders, config.maxBodyBytes, signal);
    return {
      ok: true,
      notModified: false,
      status: response.statusCode,
      body: decodeBodyText(bytes),
      bytes: bytes.length,
      finalUrl: url.href,
      validators: responseValidators(response.headers, null),
    };
  }

  async function handleResponse(
    response: ResponseData,
    url: URL,
    options: FetchOptions,
    signal: AbortSignal,
    redirects: number,
  ): Promise<HopOutcome> {
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      if (options.method === 'HEAD') {
        // A HEAD answer has no body, whatever its Content-Length says.
        await discard(response);
        const validators = responseValidators(response.headers, null);
        return {
          done: {
            ok: true,
            notModified: false,
            status,
            body: '',
            bytes: 0,
            finalUrl: url.href,
            validators,
          },
        };
      }
      return { done: await readSuccess(response, url, signal) };
    }
    await discard(response);
    if (redirectStatuses.has(status)) {
      const target = redirectTarget(headerValue(response.headers, 'location'), url);
      if (!target.ok) {
        const message = `${url.host} answered ${status} ${target.reason}`;
        return { done: failure(target.kind, message, { status }) };
      }
      if (redirects >= config.maxRedirects) {
        return {
          done: failure(
            'http',
            `more than ${config.maxRedirects} redirects (last from ${url.host})`,
            { status },
          ),
        };
      }
      return { next: target.url };
    }
    const sentValidators = Boolean(options.validators?.etag ?? options.validators?.lastModified);
    if (status === 304 && sentValidators) {
      const validators = responseValidators(response.headers, options.validators);
      return { done: { ok: true, notModified: true, status: 304, finalUrl: url.href, validators } };
    }
    const retryAfterSeconds = parseRetryAfter(
      headerValue(response.headers, 'retry-after'),
      Date.now(),
    );
    const extra = retryAfterSeconds === undefined ? { status } : { status, retryAfterSeconds };
    return { done: failure('http', `${url.host} answered HTTP ${status}`, extra) };
  }

  async function followRedirects(
    options: FetchOptions,
    signal: AbortSignal,
    progress: { host: string | null },
  ): Promise<FetchResult> {
    // Hops seen so far; at most maxRedirects + 1, so a list does.
    const visited: string[] = [];
    let current = options.url;
    let previous: URL | null = null;
    for (let redirects = 0; ; redirects += 1) {
      const check = await checkHop(current, signal);
      if (!check.ok) return refusalResult(check, redirects);
      const { url } = check;
      if (visited.includes(url.href)) {
        return failure(
          'http',
          `redirect loop: ${progress.host} redirected back to ${url.host}${url.pathname}`,
        );
      }
      if (previous?.protocol === 'https:' && url.protocol === 'http:') {
        return failure('blocked', `redirect ${redirects} refused: https to http downgrade`);
      }
      visited.push(url.href);
      previous = url;
      progress.host = url.host;
      if (isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0) book.pin(url.hostname, check.addresses);
      const release = await limiter.acquire(url.host, signal);
      try {
        const response = await agent.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: options.method ?? 'GET',
          headers: buildRequestHeaders(
            config.userAgent,
            options.accept ?? 'application/json',
            options.validators,
          ),
          signal,
        });
        const outcome = await handleResponse(response, url, options, signal, redirects);
        if ('done' in outcome) return outcome.done;
        current = outcome.next;
      } finally {
        release();
      }
    }
  }

  async function fetchWithDeadline(options: FetchOptions): Promise<FetchResult> {
    // One controller carries both the total deadline and the caller's cancel; a listener (rather
    // than AbortSignal.any) leaves nothing behind on a long-lived caller signal.
    const controller = new AbortController();
    let deadlinePassed = false;
    const limit = Math.min(config.totalTimeoutMs, options.timeoutMs ?? config.totalTimeoutMs);
    const timer = setTimeout(() => {
      deadlinePassed = true;
      controller.abort(new Error('total deadline passed'));
    }, limit);
    const onCancel = (): void => controller.abort(new Error('cancelled by caller'));
    if (options.signal?.aborted) onCancel();
    options.signal?.addEventListener('abort', onCancel, { once: true });
    // The host messages name: the last hop reached, else the URL's (parsed only for a message).
    const progress: { host: string | null } = { host: null };
    try {
      return await followRedirects(options, controller.signal, progress);
    } catch (error) {
      const host = progress.host ?? hostForMessages(options.url);
      if (deadlinePassed) {
        return failure('timeout', `no complete response from ${host} within ${limit} ms`);
      }
      if (options.signal?.aborted) {
        return failure('network', `request to ${host} was cancelled`);
      }
      return { ok: false, error: describeError(error, { ...config, host }) };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCancel);
    }
  }

  return {
    fetch: fetchWithDeadline,
    close: () => agent.close(),
  };
}
