// A loopback replica of a status page (tests only): a real HTTP server on 127.0.0.1 that serves
// fixed bodies per path, a chosen answer for every other path, and records what was asked.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Reply {
  status?: number;
  type?: string;
  body?: string | Buffer;
  location?: string;
}

export interface Replica {
  port: number;
  /** http://127.0.0.1:<port><path>, or the same port under another (resolver-mapped) host name. */
  url(path?: string, host?: string): string;
  /** Request paths (with query) in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

const notFound: Reply = { status: 404, type: 'text/plain', body: 'not found' };

export async function startReplica(
  routes: Record<string, Reply>,
  fallback: Reply = notFound,
): Promise<Replica> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const target = request.url ?? '/';
    requests.push(target);
    const path = new URL(target, 'http://replica').pathname;
    const reply = routes[path] ?? fallback;
    const headers: Record<string, string> = { 'content-type': reply.type ?? 'application/json' };
    if (reply.location) headers.location = reply.location;
    response.writeHead(reply.status ?? 200, headers).end(reply.body ?? '');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path = '/', host = '127.0.0.1') => `http://${host}:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const fixturesRoot = fileURLToPath(new URL('../../../../test/fixtures/', import.meta.url));

export function fixtureBody(platform: string, fileName: string): Buffer {
  return readFileSync(join(fixturesRoot, platform, fileName));
}

export const html = (body: string, head = ''): Reply => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html><head><title>Status</title>${head}</head><body>${body}</body></html>`,
});

export const json = (platform: string, fileName: string): Reply => ({
  type: 'application/json',
  body: fixtureBody(platform, fileName),
});

export const xml = (platform: string, fileName: string, type = 'application/atom+xml'): Reply => ({
  type,
  body: fixtureBody(platform, fileName),
});
