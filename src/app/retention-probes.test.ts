// The retention sweep prunes probe data whatever retention.deliveries says: raw results after 7
// days, roll-ups after a year, even when deliveries are kept forever.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import {
  listProbeHours,
  listProbeResults,
  migrateToLatest,
  openStore,
  recordProbeResult,
  rollUpProbeHours,
} from '../store/index.js';
import { startRetentionSweep } from './retention.js';

describe('retention sweep and probes', () => {
  it('deletes probe results older than 7 days with deliveries kept forever', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'vw-retention-')), 'vw.db'));
    await migrateToLatest(store);
    const nowMs = Date.parse('2026-12-05T12:00:00.000Z');
    const daysAgo = (days: number) => new Date(nowMs - days * 86_400_000).toISOString();
    for (const days of [8, 2]) {
      await recordProbeResult(store.db, {
        vendorSlug: 'acme',
        probe: 'api',
        url: 'https://api.acme.example',
        at: daysAgo(days),
        ok: true,
        status: 200,
        durationMs: 100,
        error: null,
      });
    }
    await rollUpProbeHours(store.db, daysAgo(9), daysAgo(0));
    const sweep = startRetentionSweep({
      db: store.db,
      keepSeconds: null,
      now: () => new Date(nowMs),
      logger: createLogger('silent'),
    });
    expect(await sweep.sweepOnce()).toEqual({ deliveries: 0, payloads: 0 });
    expect((await listProbeResults(store.db, 'acme', daysAgo(30))).map((p) => p.at)).toEqual([
      daysAgo(2),
    ]);
    // The roll-ups stay a year.
    expect(await listProbeHours(store.db, 'acme', daysAgo(30))).toHaveLength(2);
    await sweep.stop();
    await store.close();
  });
});
