// A real HTTP receiver on 127.0.0.1 that records every request and answers as the test says:
// a status, a hang (never answers), or a dropped connection. Each request's body can be
// checked against a service's documented shape; a bad one is answered 400 and recorded.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  at: number;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  | 'hang'
  | 'drop';

export interface Receiver {
  port: number;
  url(path?: string): string;
  received: Received[];
  /** Shape problems found in requests (each was answered 400). */
  problems: string[];
  respond(answer: (request: Received, index: number) => Reply): void;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  port?: number;
  /** Returns a problem with the request, or null when it has the documented shape. */
  check?: (request: Received) => string | null;
  /** What a valid request is answered by default. */
  ok?: Reply;
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const received: Received[] = [];
  const problems: string[] = [];
  const sockets = new Set<Socket>();
  let answer: (request: Received, index: number) => Reply = () =>
    options.ok ?? { status: 200, body: 'ok' };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const entry: Received = {
        path: request.url ?? '/',
        headers: request.headers,
        body,
        json,
        at: Date.now(),
      };
      const index = received.push(entry) - 1;
      const problem = options.check?.(entry) ?? null;
      if (problem) {
        problems.push(problem);
        response.writeHead(400, { 'content-type': 'text/plain' }).end(problem);
        return;
      }
      const reply = answer(entry, index);
      if (reply === 'hang') return;
      if (reply === 'drop') {
        request.socket.destroy();
        return;
      }
      const send = () => response.writeHead(reply.status, reply.headers).end(reply.body ?? '');
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    problems,
    respond(next) {
      answer = next;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (received.length < count) {
        throw new Error(
          `expected ${count} requests within ${timeoutMs} ms, got ${received.length}`,
        );
      }
      return received;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
