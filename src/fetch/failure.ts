// Maps whatever a request threw onto the fetcher's failure kinds, with one readable line that
// names the host and never carries the response body (error oracles leak; CVE-2020-13379).
import { AddressBlockedError } from './pinned-agent.js';
import { BodyTooLargeError, UnsupportedEncodingError } from './read-body.js';
import type { FetchFailure } from './types.js';

interface FailureContext {
  host: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
}

/** The error codes on `error` and its causes, outermost first. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function findInChain<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    if (current instanceof type) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const networkPhrases: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ECONNRESET: 'reset the connection',
  EPIPE: 'closed the connection',
  UND_ERR_SOCKET: 'closed the connection',
  ECONNABORTED: 'aborted the connection',
  EHOSTUNREACH: 'is unreachable',
  ENETUNREACH: 'is unreachable (network)',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'sent a body that does not match its Content-Length',
};

export function describeError(error: unknown, context: FailureContext): FetchFailure {
  const { host } = context;
  const blocked = findInChain(error, AddressBlockedError);
  if (blocked) return { kind: 'blocked', message: blocked.message };
  const tooLarge = findInChain(error, BodyTooLargeError);
  if (tooLarge) {
    return {
      kind: 'too_large',
      message: `body from ${host} exceeds ${tooLarge.maxBytes} bytes (decompressed)`,
    };
  }
  const encoding = findInChain(error, UnsupportedEncodingError);
  if (encoding) return { kind: 'parse', message: `${host} sent an ${encoding.message}` };
  const codes = errorCodes(error);
  for (const code of codes) {
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
      return {
        kind: 'timeout',
        message: `connecting to ${host} took longer than ${context.connectTimeoutMs} ms`,
      };
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
      return {
        kind: 'timeout',
        message: `${host} sent no response headers within ${context.headersTimeoutMs} ms`,
      };
    }
    if (code === 'UND_ERR_BODY_TIMEOUT') {
      return { kind: 'timeout', message: `${host} stalled while sending the body` };
    }
    if (code === 'UND_ERR_HEADERS_OVERFLOW') {
      return { kind: 'too_large', message: `response headers from ${host} are too large` };
    }
    if (code === 'ENOTFOUND' || code.startsWith('EAI_')) {
      return { kind: 'network', message: `DNS lookup for ${host} failed (${code})` };
    }
    if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code.startsWith('ERR__')) {
      return { kind: 'parse', message: `could not decompress the body from ${host} (${code})` };
    }
    const phrase = networkPhrases[code];
    if (phrase) return { kind: 'network', message: `${host} ${phrase}` };
  }
  const label = codes[0] ?? (error instanceof Error ? error.name : 'unknown error');
  return { kind: 'network', message: `request to ${host} failed (${label.slice(0, 60)})` };
}
