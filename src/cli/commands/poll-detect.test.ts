// `vendorwatch poll URL` without --platform polls the URL detection settled on, not the pasted
// one: a page that only advertises a feed is polled through that feed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { incidentId } from '../../domain/ids.js';
import { html, startReplica, xml, type Replica } from '../../poll/detect/test-support/replica.js';
import { runCli } from '../main.js';

const replicas: Replica[] = [];
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((replica) => replica.close()));
});

describe('vendorwatch poll with detection', () => {
  it('polls the advertised feed of a page with no JSON API', async () => {
    const link = '<link rel="alternate" type="application/atom+xml" href="/feeds/history.atom">';
    const replica = await startReplica({
      '/': html('<h1>Acme status</h1>', link),
      '/feeds/history.atom': xml('rss', 'history.github.2025-07-07.atom'),
    });
    replicas.push(replica);
    const cwd = mkdtempSync(join(tmpdir(), 'vw-poll-'));
    writeFileSync(
      join(cwd, 'vendorwatch.yaml'),
      "vendors: []\nnetwork:\n  allowedPrivateRanges: ['127.0.0.1/32']\n  timeout: 5s\n",
    );
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const io = { stdout, stderr, env: {}, cwd, untilSignal: () => Promise.resolve('SIGTERM') };

    const code = await runCli(['poll', replica.url('/'), '--json'], io);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      platform: string;
      incidents: Array<Record<string, unknown> & { updates: Array<Record<string, unknown>> }>;
    };
    expect(result.platform).toBe('rss');
    expect(result.incidents.length).toBeGreaterThan(0);
    // Each incident as a first poll stores it, in the store's field order.
    const [first] = result.incidents;
    expect(Object.keys(first!)).toEqual([
      'id',
      'vendorSlug',
      'sourceId',
      'title',
      'kind',
      'impact',
      'phase',
      'startedAt',
      'resolvedAt',
      'detectedAt',
      'backfilled',
      'sourceUrl',
      'components',
      'scheduledFor',
      'scheduledUntil',
      'regions',
      'updates',
    ]);
    expect(first).toMatchObject({
      backfilled: true,
      id: incidentId(String(first!.vendorSlug), String(first!.sourceId)),
    });
    expect(Object.keys(first!.updates[0]!)).toEqual([
      'id',
      'phase',
      'body',
      'bodyText',
      'postedAt',
      'detectedAt',
      'components',
    ]);
    expect(replica.requests.at(-1)).toBe('/feeds/history.atom');
  });
});
