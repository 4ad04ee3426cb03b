// End to end against the simulator: `vendorwatch capture` saves what each endpoint answered and
// the snapshot made of it; `npm run golden -- DIR` turns the folder into a golden test that
// passes, and fails once the captured payload no longer gives that snapshot.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimeline, startSimulator, type Simulator } from '../../simulate/index.js';
import { redactUrl, sha256, type Capture } from '../capture-files.js';
import { runCli } from '../main.js';
import { listCaptures, replayCapture } from '../test-support/captures.js';

const goldenScript = fileURLToPath(new URL('../../../scripts/golden.mjs', import.meta.url));
const at = '2026-01-22T15:00:00.000Z';
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    timeline: parseTimeline({
      vendors: [
        {
          slug: 'acme',
          name: 'Acme',
          components: [{ id: 'c1', name: 'API' }],
          steps: [
            {
              afterMs: 0,
              at,
              components: { c1: 'major_outage' },
              incidents: [
                {
                  id: 'inc1',
                  name: 'API errors',
                  status: 'investigating',
                  impact: 'major',
                  components: ['c1'],
                  updates: [{ id: 'u1', status: 'investigating', body: 'We are **looking**.', at }],
                },
              ],
            },
          ],
        },
      ],
    }),
  });
});
afterAll(() => sim.close());

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const io = { stdout, stderr, env: {}, cwd, untilSignal: () => Promise.resolve('SIGTERM') };
  return { code: await runCli(args, io), out };
}

describe('capture → golden test', () => {
  it('captures the endpoints and the snapshot, and the golden it becomes passes', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vw-capture-'));
    writeFileSync(
      join(cwd, 'vendorwatch.yaml'),
      "vendors: []\nnetwork:\n  allowedPrivateRanges: ['127.0.0.1/32']\n  timeout: 5s\n",
    );
    const url = sim.vendors[0]!.baseUrl;
    const { code, out } = await cli(['capture', url, '--out', 'acme-capture'], cwd);
    expect(out).toMatch(/^Captured 3 endpoint\(s\) of .* \(statuspage\) into /);
    expect(code).toBe(0);

    const dir = join(cwd, 'acme-capture');
    const capture = JSON.parse(readFileSync(join(dir, 'capture.json'), 'utf8')) as Capture;
    expect(capture).toMatchObject({ format: 'vendorwatch-capture/1', platform: 'statuspage' });
    expect(capture.endpoints.map((e) => e.key)).toEqual(['summary', 'incidents', 'maintenances']);
    for (const endpoint of capture.endpoints) {
      if (!endpoint.ok) throw new Error(`${endpoint.key}: ${endpoint.error}`);
      const body = readFileSync(join(dir, endpoint.file), 'utf8');
      expect(sha256(body)).toBe(endpoint.sha256);
      expect(endpoint).toMatchObject({ status: 200, etag: expect.stringMatching(/^W\//) });
    }
    expect(JSON.stringify(capture)).not.toMatch(/cookie/i);
    const snapshot = JSON.parse(readFileSync(join(dir, 'snapshot.json'), 'utf8')) as {
      incidents: Array<{ sourceId: string; updates: Array<{ body: string }> }>;
    };
    expect(snapshot.incidents.map((i) => i.sourceId)).toEqual(['inc1']);

    const root = mkdtempSync(join(tmpdir(), 'vw-golden-'));
    const { stdout } = await promisify(execFile)(process.execPath, [
      goldenScript,
      dir,
      '--name',
      'sim acme',
      '--root',
      root,
    ]);
    expect(stdout).toContain('golden test written');
    const [golden] = listCaptures(join(root, 'test', 'fixtures', 'captures'));
    expect(golden).toMatch(/statuspage\.sim-acme$/);
    const replayed = replayCapture(golden!, false);
    expect(replayed.actual).toEqual(replayed.golden);

    // The golden can fail: a payload that no longer gives the recorded snapshot.
    const summary = join(golden!, 'summary.body');
    writeFileSync(summary, readFileSync(summary, 'utf8').replace('API errors', 'Edited title'));
    const edited = replayCapture(golden!, false);
    expect(edited.actual).not.toEqual(edited.golden);
    expect(existsSync(join(golden!, 'normalized.json'))).toBe(true);
  });

  it('strips credentials from every recorded URL', () => {
    expect(redactUrl('https://user:pw@status.example.com/api?token=abc&page=2&api_key=k')).toBe(
      'https://status.example.com/api?token=REDACTED&page=2&api_key=REDACTED',
    );
  });
});
