// A Statuspage vendor on loopback whose behaviour a test switches at will: good payloads from
// real fixtures, or any of the bad inputs of docs/security.md#bad-inputs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const fixtures = new URL('../fixtures/statuspage/', import.meta.url);
export function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')) as Record<string, any>;
}

export type Bodies = { summary: unknown; incidents: unknown; maintenances?: unknown };

/** Raw handler for one request; return true when it answered. */
export type Behaviour = (
  request: IncomingMessage,
  response: ServerResponse,
  socket: Socket,
) => void;

export interface SwitchableVendor {
  baseUrl: string;
  /** Serve these bodies as JSON on the three Statuspage endpoints. */
  serve(bodies: Bodies): void;
  /** Answer every request with this behaviour instead. */
  misbehave(behaviour: Behaviour): void;
  requests(): number;
  close(): Promise<void>;
  /** Listens again on the same address after close(), as a page that comes back. */
  reopen(): Promise<void>;
}

export async function startSwitchableVendor(host = '127.0.0.1'): Promise<SwitchableVendor> {
  let bodies: Bodies = { summary: {}, incidents: {} };
  let behaviour: Behaviour | null = null;
  let requests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    requests += 1;
    if (behaviour) return behaviour(request, response, request.socket);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const body = path.endsWith('/summary.json')
      ? bodies.summary
      : path.endsWith('/incidents.json')
        ? bodies.incidents
        : path.endsWith('/scheduled-maintenances.json')
          ? (bodies.maintenances ?? { scheduled_maintenances: [] })
          : undefined;
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host}:${port}`,
    serve(next) {
      bodies = next;
      behaviour = null;
    },
    misbehave(next) {
      behaviour = next;
    },
    requests: () => requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async reopen() {
      await new Promise<void>((resolve) => server.listen(port, host, resolve));
    },
  };
}

let bomb: Buffer | undefined;
/** 32 MiB of zeros in about 32 KiB: made once, since gzipping it costs real CPU. */
function gzipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.alloc(32 * 1024 * 1024), { level: 9 });
  return bomb;
}

/** The bad transports and bodies of docs/security.md#bad-inputs, as behaviours. */
export const badBehaviours: Record<string, Behaviour> = {
  'invalid JSON': (_, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"page":{"id":'),
  'HTML where JSON was expected': (_, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>Just a moment…</title>'),
  'an empty body': (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(),
  'a 10 MB body': (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"pad":"${'x'.repeat(10 * 1024 * 1024)}"}`);
  },
  'a gzip bomb': (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(gzipBomb());
  },
  'a body that drips one byte a second': (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 1000);
    res.on('close', () => clearInterval(timer));
  },
  'a hang after headers': (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
  },
  'a connection reset': (_, __, socket) => socket.resetAndDestroy(),
  'a redirect loop': (req, res) => res.writeHead(302, { location: req.url ?? '/' }).end(),
  'a redirect to 169.254.169.254': (_, res) =>
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  // The vendor itself runs on 127.0.0.3 and only that address is allowed.
  'a redirect to 127.0.0.1': (req, res) =>
    res
      .writeHead(302, { location: `http://127.0.0.1:${req.socket.localPort}/api/v2/summary.json` })
      .end(),
  'a server error': (_, res) => res.writeHead(503, { 'retry-after': '120' }).end('down'),
  'a non-UTF-8 body': (_, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31])),
};
