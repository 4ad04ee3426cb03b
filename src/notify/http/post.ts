// The one way notifications go out over HTTP: the fetcher's address guard on the URL, a socket
// pinned to the addresses it validated, no redirects, one deadline for the whole exchange and a
// small cap on what is read back. Results never contain the URL (its path is often the secret).
import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { checkUrl, systemResolve, type AddressPolicy } from '../../fetch/address-guard.js';
import { describeError } from '../../fetch/failure.js';
import { AddressBook, createPinnedAgent } from '../../fetch/pinned-agent.js';

/** What a receiver says back is only read for an error message and Retry-After. */
const maxReplyBytes = 8 * 1024;
const dnsCacheTtlMs = 30_000;

interface HttpReply {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/** `refused`: the URL itself is not allowed (syntax or address), so retrying cannot help. */
export type HttpResult =
  { ok: true; reply: HttpReply } | { ok: false; error: string; refused: boolean };

interface HttpRequest {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type HttpPost = (url: string, request: HttpRequest) => Promise<HttpResult>;

export interface HttpPoster {
  post: HttpPost;
  close(): Promise<void>;
}

interface HttpPosterConfig {
  policy: Omit<AddressPolicy, 'resolve'>;
  resolve?: (hostname: string) => Promise<string[]>;
  connectTimeoutMs: number;
}

export function createHttpPoster(config: HttpPosterConfig): HttpPoster {
  const book = new AddressBook(config.resolve ?? systemResolve, dnsCacheTtlMs);
  const policy: AddressPolicy = { ...config.policy, resolve: (host) => book.resolve(host) };
  const agent = createPinnedAgent({
    book,
    policy,
    connectTimeoutMs: config.connectTimeoutMs,
    // The whole exchange is bounded by the request's own deadline below.
    headersTimeoutMs: 0,
    bodyTimeoutMs: 0,
  });

  async function post(rawUrl: string, request: HttpRequest): Promise<HttpResult> {
    const check = await checkUrl(rawUrl, policy);
    if (!check.ok) return { ok: false, error: check.reason, refused: check.kind !== 'unresolved' };
    const { url } = check;
    if (isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0) book.pin(url.hostname, check.addresses);

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('deadline passed'));
    }, request.timeoutMs);
    const onCancel = (): void => controller.abort(new Error('cancelled'));
    if (request.signal?.aborted) onCancel();
    request.signal?.addEventListener('abort', onCancel, { once: true });
    try {
      const response = await agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      });
      const body = await readReply(response.body);
      const retryAfter = response.headers['retry-after'];
      return {
        ok: true,
        reply: {
          status: response.statusCode,
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          body,
        },
      };
    } catch (error) {
      if (timedOut) {
        return { ok: false, error: `no response within ${request.timeoutMs} ms`, refused: false };
      }
      if (request.signal?.aborted) return { ok: false, error: 'cancelled', refused: false };
      const failure = describeError(error, {
        host: url.host,
        connectTimeoutMs: config.connectTimeoutMs,
        headersTimeoutMs: request.timeoutMs,
      });
      return { ok: false, error: failure.message, refused: failure.kind === 'blocked' };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCancel);
    }
  }

  let closing: Promise<void> | null = null;
  return { post, close: () => (closing ??= agent.close()) };
}

/** Reads at most maxReplyBytes of the reply and drops the rest. */
async function readReply(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= maxReplyBytes) break;
  }
  if (size >= maxReplyBytes) {
    body.on('error', () => undefined);
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxReplyBytes).toString('utf8');
}
