// Reads a response body through its Content-Encoding decoders while counting decompressed bytes,
// and stops the whole chain as soon as the cap is passed: a 100 KB gzip bomb must cost about
// `maxBytes` of work, not 100 MiB (Content-Length says nothing about the decompressed size).
import type { Readable, Transform } from 'node:stream';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(
    readonly maxBytes: number,
    /** Decompressed bytes seen before the read stopped. */
    readonly bytesSeen: number,
  ) {
    super(`body exceeds ${maxBytes} bytes`);
  }
}

export class UnsupportedEncodingError extends Error {
  override readonly name = 'UnsupportedEncodingError';
}

const maxEncodingLayers = 3;
// Lenient flushing, as browsers and undici's fetch do, so a body missing its trailer still reads.
const zlibLenient = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const brotliLenient = {
  flush: constants.BROTLI_OPERATION_FLUSH,
  finishFlush: constants.BROTLI_OPERATION_FLUSH,
};

/** Splits a Content-Encoding header into the codings applied, in order; identity dropped. */
export function parseContentEncoding(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

function createDecoder(coding: string): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip(zlibLenient);
    case 'deflate':
      return createInflate(zlibLenient);
    case 'br':
      return createBrotliDecompress(brotliLenient);
    default:
      throw new UnsupportedEncodingError(`unsupported content-encoding "${coding.slice(0, 40)}"`);
  }
}

/** Decoders to undo `codings` (applied first to last, so undone last to first). */
export function createDecoders(codings: readonly string[]): Transform[] {
  if (codings.length > maxEncodingLayers) {
    throw new UnsupportedEncodingError(`more than ${maxEncodingLayers} content-encodings`);
  }
  return [...codings].reverse().map(createDecoder);
}

interface CappedBody {
  bytes: Buffer;
}

/**
 * Drains `source` through `decoders` into memory; rejects with BodyTooLargeError past `maxBytes`
 * (every stream in the chain is destroyed at that point), or with the signal's reason on abort.
 */
export async function readCappedBody(
  source: Readable,
  decoders: Transform[],
  maxBytes: number,
  signal?: AbortSignal,
): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) {
        callback(new BodyTooLargeError(maxBytes, total));
        return;
      }
      chunks.push(chunk);
      callback();
    },
  });
  const streams: Array<Readable | Transform | Writable> = [source, ...decoders, sink];
  await pipeline(streams, signal ? { signal } : {});
  return { bytes: Buffer.concat(chunks, total) };
}
