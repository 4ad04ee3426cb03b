import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BodyTooLargeError,
  UnsupportedEncodingError,
  createDecoders,
  parseContentEncoding,
  readCappedBody,
} from './read-body.js';

function countingSource(
  data: Buffer,
  sliceBytes: number,
): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  function* slices(): Generator<Buffer> {
    for (let offset = 0; offset < data.length; offset += sliceBytes) {
      const slice = data.subarray(offset, offset + sliceBytes);
      pulled += slice.length;
      yield slice;
    }
  }
  return { stream: Readable.from(slices(), { objectMode: false }), pulled: () => pulled };
}

describe('readCappedBody', () => {
  const cap = 1024 * 1024;
  const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 });

  it('stops a 100 MiB gzip bomb after about cap bytes of inflation and little input', async () => {
    const source = countingSource(bomb, 4096);
    const error = await readCappedBody(source.stream, createDecoders(['gzip']), cap).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BodyTooLargeError);
    const { bytesSeen } = error as BodyTooLargeError;
    expect(bytesSeen).toBeGreaterThan(cap);
    expect(bytesSeen).toBeLessThan(cap + 64 * 1024);
    expect(source.pulled()).toBeLessThan(64 * 1024);
    expect(source.stream.destroyed).toBe(true);
  });

  it('reads a body exactly at the cap', async () => {
    const source = countingSource(Buffer.alloc(cap, 0x7b), 10_000);
    const { bytes } = await readCappedBody(source.stream, [], cap);
    expect(bytes.length).toBe(cap);
  });

  it('refuses one byte over the cap without decoders', async () => {
    const source = countingSource(Buffer.alloc(cap + 1), 65_536);
    await expect(readCappedBody(source.stream, [], cap)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('rejects with the abort reason when the signal fires', async () => {
    const never = new Readable({ read: () => undefined });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('deadline')), 20);
    await expect(readCappedBody(never, [], cap, controller.signal)).rejects.toThrow();
    expect(never.destroyed).toBe(true);
  });
});

describe('content encodings', () => {
  it('parses the header in order and drops identity', () => {
    expect(parseContentEncoding('gzip, identity, BR')).toEqual(['gzip', 'br']);
    expect(parseContentEncoding(['gzip', 'deflate'])).toEqual(['gzip', 'deflate']);
    expect(parseContentEncoding(undefined)).toEqual([]);
  });

  it('refuses unknown codings and absurd stacks', () => {
    expect(() => createDecoders(['compress'])).toThrow(UnsupportedEncodingError);
    expect(() => createDecoders(['gzip', 'gzip', 'gzip', 'gzip'])).toThrow(
      UnsupportedEncodingError,
    );
    expect(createDecoders(['gzip', 'br'])).toHaveLength(2);
  });
});
