// A real HTTP server on 127.0.0.1 (or another loopback address) whose routes misbehave on purpose,
// counting connections and simultaneous requests so tests can assert what reached it.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface HostileServer {
  port: number;
  url(path: string): string;
  stats: { requests: number; connections: number; inFlight: number; maxInFlight: number };
  /** Request paths in arrival order. */
  paths: string[];
  close(): Promise<void>;
}

export async function startHostileServer(
  routes: Record<string, RouteHandler>,
  host = '127.0.0.1',
  port = 0,
): Promise<HostileServer> {
  const stats = { requests: 0, connections: 0, inFlight: 0, maxInFlight: 0 };
  const paths: string[] = [];
  const server = createServer((request, response) => {
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    response.on('close', () => {
      stats.inFlight -= 1;
    });
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    paths.push(path);
    const route =
      routes[path] ??
      Object.entries(routes).find(
        ([key]) => key.endsWith('*') && path.startsWith(key.slice(0, -1)),
      )?.[1];
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    route(request, response);
  });
  server.on('connection', () => {
    stats.connections += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: (path) => `http://${host}:${bound}${path}`,
    stats,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Sentinel {
  port: number;
  /** TCP connections accepted; a blocked target must keep this at zero. */
  connections(): number;
  close(): Promise<void>;
}

/** A bare TCP listener that only counts who connects (it never answers). */
export async function startSentinel(host: string, port = 0): Promise<Sentinel> {
  let accepted = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that was just free, so connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Writes `data` in slices with a pause between them, stopping when the client goes away. */
export function writePaced(
  response: ServerResponse,
  data: Buffer,
  sliceBytes: number,
  pauseMs: number,
  onWritten: (bytes: number) => void,
): void {
  let offset = 0;
  const step = (): void => {
    if (response.destroyed || offset >= data.length) {
      if (!response.destroyed) response.end();
      return;
    }
    const slice = data.subarray(offset, offset + sliceBytes);
    offset += slice.length;
    response.write(slice, (error) => {
      if (!error) onWritten(slice.length);
    });
    setTimeout(step, pauseMs);
  };
  step();
}
