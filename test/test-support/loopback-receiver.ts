// A loopback HTTP receiver for notification tests: records every request (path, headers, body)
// and answers each path with the status the test set (200 unless told).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LoopbackReceiver {
  url: string;
  received: Received[];
  /**
   * Answers requests to `path` with `status` and `body` from now on; `echo` answers with what the
   * request carried (its URL, authorization header and body), as a careless service might.
   */
  answer(path: string, status: number, body?: string | { echo: true }): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<LoopbackReceiver> {
  const received: Received[] = [];
  const answers = new Map<string, { status: number; body: string | { echo: true } }>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
      const body = Buffer.concat(chunks).toString();
      const answer = answers.get(path.split('?')[0]!) ?? { status: 200, body: 'ok' };
      response.writeHead(answer.status, { 'content-type': 'text/plain' });
      response.end(
        typeof answer.body === 'string'
          ? answer.body
          : `refused ${path} ${request.headers.authorization ?? ''} ${body.slice(0, 2000)}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (path, status, body = '') => answers.set(path, { status, body }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
