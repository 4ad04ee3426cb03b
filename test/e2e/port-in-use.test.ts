// A second copy started on a port that is taken stops at once with one line that says what to do,
// leaves nothing running and polls nothing: the real CLI (`node dist/cli/bin.js`), a real socket.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listVendorStatuses } from '../../src/store/index.js';
import { openMigratedStore } from '../test-support/poller.js';

const bin = new URL('../../dist/cli/bin.js', import.meta.url).pathname;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function takePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

function run(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

describe.each(['serve', 'web'])('vendorwatch %s on a port that is taken', (command) => {
  it('exits non-zero with one line, leaves nothing running and polls nothing', async () => {
    expect(existsSync(bin), 'dist/cli/bin.js is missing: run npm run build first').toBe(true);
    const port = await takePort();
    const dir = mkdtempSync(join(tmpdir(), 'vw-port-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'vendorwatch.yaml'),
      [
        'network:',
        '  allowedPrivateRanges: [127.0.0.0/8]',
        'vendors:',
        '  - slug: local',
        '    url: http://127.0.0.1:9/',
        '    platform: statuspage',
        '    interval: 1s',
        '',
      ].join('\n'),
    );
    const database = join(dir, 'vendorwatch.db');

    const { code, stderr } = await run([command, '--port', String(port), '--db', database], dir);

    // Killed by the test's timer means it kept running: the exit code is null then.
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `vendorwatch ${command}: port ${port} is in use — is vendorwatch already running? use --port`,
    ]);
    expect(existsSync(`${database}.lock`)).toBe(false);
    const store = await openMigratedStore(database);
    try {
      const statuses = await listVendorStatuses(store.db, new Date().toISOString());
      expect(statuses.filter((vendor) => vendor.lastPolledAt !== null)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
