// A bare node:http GET for simulator tests: no automatic decompression or caching, so the
// bytes and headers on the wire are what the test sees.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  receivedAt: number;
}

export function rawGet(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          receivedAt: Date.now(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** GET and parse JSON, gunzipping when the server compressed. */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await rawGet(url, headers);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body;
  return JSON.parse(body.toString('utf8')) as unknown;
}
