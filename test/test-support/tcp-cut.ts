// A TCP relay on loopback between one process and its database, which a test can cut like a
// network partition: while cut, bytes stop flowing both ways on every connection (nothing is
// closed, so the process learns of it only by waiting) and new connections hang unanswered.
// Restoring drops every connection the cut caught, as a partition that heals behind a reset does.
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface TcpCut {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpCut(target: { host: string; port: number }): Promise<TcpCut> {
  let cut = false;
  const pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  const server = createServer((client) => {
    const pair: { client: Socket; upstream: Socket | null } = { client, upstream: null };
    pairs.add(pair);
    const forget = () => {
      pair.client.destroy();
      pair.upstream?.destroy();
      pairs.delete(pair);
    };
    client.on('error', forget).on('close', forget);
    if (cut) {
      client.pause();
      return;
    }
    connect(pair, forget);
  });
  const connect = (pair: { client: Socket; upstream: Socket | null }, forget: () => void) => {
    const upstream = createConnection(target);
    pair.upstream = upstream;
    upstream.on('error', forget).on('close', forget);
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      cut = true;
      for (const { client, upstream } of pairs) {
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    },
    restore() {
      cut = false;
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.upstream?.destroy();
        pairs.delete(pair);
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
