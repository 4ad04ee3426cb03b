// Probes set over the API reach the running service without a restart: the real service (poller,
// web) on a SQLite file, a run-time vendor given a probe with PATCH /api/v1/vendors/{slug}; its
// loopback endpoint is requested within one refresh of the runner (5 s), and stops being
// requested within one refresh of the probe's removal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startService } from '../../src/app/service.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { syncVendors } from '../../src/store/index.js';

const token = 'probes-reload-admin-token-0123456789';
const refreshMs = 5_000;

async function until(what: string, check: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it(
  'runs a probe PATCHed in within one refresh and stops it within one refresh of its removal',
  { timeout: 30_000 },
  async () => {
    let hits = 0;
    const endpoint = createServer((_request, response) => {
      hits++;
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const probeUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/health`;
    const dir = mkdtempSync(join(tmpdir(), 'vw-probes-serve-'));
    const configPath = join(dir, 'vendorwatch.yaml');
    writeFileSync(
      configPath,
      [
        'pollInterval: 1h',
        'network:',
        '  allowedPrivateRanges: [127.0.0.0/8]',
        '  timeout: 5s',
        `database: ${join(dir, 'vendorwatch.db')}`,
        'server: { host: 127.0.0.1, port: 0 }',
        'vendors: []',
        '',
      ].join('\n'),
    );
    const config = loadConfig({ path: configPath, env: { VENDORWATCH_ADMIN_TOKEN: token } });
    const service = await startService(config, { poller: true, web: true }, createLogger('silent'));
    try {
      // A vendor added at run time (as POST /api/v1/vendors would, without detection).
      await syncVendors(
        service.store.db,
        [
          {
            slug: 'acme',
            name: 'Acme',
            statusPageUrl: 'https://status.acme.example',
            platform: 'statuspage',
            category: 'other',
            intervalSeconds: 3600,
          },
        ],
        'api',
        new Date().toISOString(),
      );
      const patch = (probes: unknown[]) =>
        fetch(`${service.url}/api/v1/vendors/acme`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ probes }),
        });
      const added = await patch([{ name: 'api', url: probeUrl, interval: 1, timeout: 2 }]);
      expect(added.status).toBe(200);
      const addedAt = Date.now();
      // One refresh, then the first run within half the probe's interval.
      await until('the first request', () => hits > 0, refreshMs + 1_500);
      expect(Date.now() - addedAt).toBeLessThan(refreshMs + 1_500);

      expect((await patch([])).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, refreshMs + 1_200));
      const afterRemoval = hits;
      // It ran each second until the refresh saw the removal, then never again.
      expect(afterRemoval).toBeGreaterThanOrEqual(3);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(hits).toBe(afterRemoval);
    } finally {
      await service.stop();
      await new Promise((resolve) => endpoint.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
