// The app on a real socket. close() stops accepting at once, lets requests in flight finish,
// drops idle keep-alive connections as they become idle, and cuts whatever is left (long-lived
// streams, slow clients) when the deadline passes, so shutdown is always bounded.
import type { AddressInfo, Socket } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';

const defaultCloseTimeoutMs = 5000;
/** How often idle keep-alive connections are swept while closing. */
const idleSweepMs = 50;

interface ServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  closeTimeoutMs?: number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  /** Resolves once every connection is gone; calling it again returns the same promise. */
  close(): Promise<void>;
}

/** A Hono app, or anything else that answers a Request. */
interface FetchApp {
  /** `env` carries the Node request (its socket's address: web/auth/client-address.ts). */
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

export async function startServer(app: FetchApp, options: ServerOptions): Promise<RunningServer> {
  const server = createAdaptorServer({
    fetch: (request, env) => app.fetch(request, env),
  }) as Server;
  const unused = trackUnusedConnections(server);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      (closing ??= closeServer(server, unused, options.closeTimeoutMs ?? defaultCloseTimeoutMs)),
  };
}

/**
 * Connections that never sent a request. Browsers and undici open spare connections ahead of
 * need; Node counts them as busy, not idle, so without this they would hold close() open.
 */
function trackUnusedConnections(server: Server): Set<Socket> {
  const unused = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  server.on('request', (request: { socket: Socket }) => unused.delete(request.socket));
  return unused;
}

function closeServer(server: Server, unused: Set<Socket>, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const closeIdle = () => {
      server.closeIdleConnections();
      for (const socket of unused) socket.destroy();
    };
    const sweep = setInterval(closeIdle, idleSweepMs);
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close((error) => {
      clearInterval(sweep);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    });
    closeIdle();
  });
}
