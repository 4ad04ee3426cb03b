// Errors a handler throws on purpose: each carries the status and the stable code clients see.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode =
  | 'invalid_parameter'
  | 'not_found'
  | 'store_unavailable'
  | 'internal'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_body'
  | 'payload_too_large'
  | 'rate_limited';

export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

export function invalidParameter(message: string): HttpError {
  return new HttpError(400, 'invalid_parameter', message);
}

export function notFound(message: string): HttpError {
  return new HttpError(404, 'not_found', message);
}

interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
