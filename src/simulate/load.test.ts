import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';

/** Load smoke: the time is reported, not asserted (the machine is shared, hence the long timeout). */
describe('load smoke', () => {
  it('2,000 vendors answer 6,000 requests (3 endpoints each, gzip, then conditional)', async () => {
    const sim = await startSimulator({ vendors: 2000, seed: 5 });
    const pool = new Pool(sim.controlUrl, { connections: 16, pipelining: 1 });
    try {
      const paths = sim.vendors.flatMap((v) =>
        ['summary', 'incidents', 'scheduled-maintenances'].map(
          (endpoint) => `${new URL(v.baseUrl).pathname}/api/v2/${endpoint}.json`,
        ),
      );
      const etags = new Map<string, string>();
      const statuses = new Map<number, number>();
      const round = async (conditional: boolean): Promise<number> => {
        const started = performance.now();
        let next = 0;
        const worker = async (): Promise<void> => {
          while (next < paths.length) {
            const path = paths[next++]!;
            const etag = etags.get(path);
            const headers: Record<string, string> = { 'accept-encoding': 'gzip' };
            if (conditional && etag) headers['if-none-match'] = etag;
            const res = await pool.request({ path, method: 'GET', headers });
            await res.body.arrayBuffer();
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            if (typeof res.headers.etag === 'string') etags.set(path, res.headers.etag);
          }
        };
        await Promise.all(Array.from({ length: 32 }, () => worker()));
        return performance.now() - started;
      };
      const cold = await round(false);
      const warm = await round(true);
      const rate = (ms: number): number => Math.round((paths.length / ms) * 1000);
      console.log(
        `simulator load smoke: ${paths.length} requests, first round ${cold.toFixed(0)} ms ` +
          `(${rate(cold)} req/s, renders + gzips every body), conditional round ${warm.toFixed(0)} ms ` +
          `(${rate(warm)} req/s); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      expect(paths).toHaveLength(6000);
      expect((statuses.get(200) ?? 0) + (statuses.get(304) ?? 0)).toBe(12_000);
      expect(statuses.get(304) ?? 0).toBeGreaterThan(5000);
    } finally {
      await pool.close();
      await sim.close();
    }
  }, 180_000);
});
