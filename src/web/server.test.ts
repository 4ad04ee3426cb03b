import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';

const host = '127.0.0.1';
const running: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(app: Hono, closeTimeoutMs?: number): Promise<RunningServer> {
  const server = await startServer(app, { host, port: 0, closeTimeoutMs });
  running.push(server);
  return server;
}

function get(url: string, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startServer', () => {
  it('listens on the loopback address and port it reports', async () => {
    const app = new Hono().get('/ping', (c) => c.text('pong'));
    const server = await start(app);
    expect(server.url).toBe(`http://${host}:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(await get(`${server.url}/ping`)).toEqual({ status: 200, body: 'pong' });
  });

  it('rejects when the port is taken', async () => {
    const first = await start(new Hono());
    await expect(startServer(new Hono(), { host, port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('closes promptly with an idle keep-alive connection open, then refuses connections', async () => {
    const app = new Hono().get('/ping', (c) => c.text('pong'));
    const server = await start(app, 10_000);
    const agent = new Agent({ keepAlive: true });
    await get(`${server.url}/ping`, agent);
    const sockets = Object.values(agent.freeSockets).flat();
    expect(sockets).toHaveLength(1);
    const closedSocket = new Promise((resolve) => sockets[0]!.once('close', resolve));

    const started = Date.now();
    await server.close();
    await closedSocket;
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(get(`${server.url}/ping`)).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });

  it('closes promptly with a connection open that never sent a request', async () => {
    const server = await start(new Hono(), 10_000);
    const socket = connect(server.port, host);
    await new Promise((resolve) => socket.once('connect', resolve));
    const closedSocket = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    const started = Date.now();
    await server.close();
    await closedSocket;
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('lets a request in flight finish before closing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = new Hono().get('/slow', async (c) => {
      await gate;
      return c.text('done');
    });
    const server = await start(app, 10_000);
    const response = get(`${server.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = server.close();
    release();
    expect(await response).toEqual({ status: 200, body: 'done' });
    await closed;
  });

  it('cuts a never-ending stream at the deadline and the stream is cancelled', async () => {
    let cancelled = false;
    const app = new Hono().get('/forever', () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('hello\n'));
        },
        cancel() {
          cancelled = true;
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/plain' } });
    });
    const server = await start(app, 300);
    const firstChunk = new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${server.url}/forever`, (res) => {
        res.setEncoding('utf8');
        res.once('data', (chunk: string) => resolve(chunk));
        res.on('error', () => {});
      });
      req.on('error', reject);
      req.end();
    });
    expect(await firstChunk).toBe('hello\n');

    const started = Date.now();
    await server.close();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3000);
    await expect.poll(() => cancelled).toBe(true);
  });
});
