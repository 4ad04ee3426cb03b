// A config vendor without `platform:` whose page cannot be detected yet, watched by the real
// service (config file, SQLite file, HTTP API): it is listed failing with the reason, retried,
// and once its page answers as Statuspage it is detected, stored as such and polled normally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackService, type LoopbackService } from '../test-support/service.js';
import {
  fixture,
  startSwitchableVendor,
  type SwitchableVendor,
} from '../test-support/switchable-vendor.js';

interface ApiVendor {
  slug: string;
  platform: string;
  statusPageUrl: string;
  health: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  error?: string;
}

let page: SwitchableVendor | undefined;
let running: LoopbackService | undefined;

async function vendors(): Promise<ApiVendor[]> {
  const response = await fetch(`${running!.service.url}/api/v1/vendors`, {
    signal: AbortSignal.timeout(5000),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { vendors: ApiVendor[] }).vendors;
}

async function waitFor(what: string, check: (vendor: ApiVendor | undefined) => boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [vendor] = await vendors();
    if (check(vendor)) return vendor!;
    expect(Date.now(), what).toBeLessThan(deadline);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  page = await startSwitchableVendor();
  page.misbehave((_request, response) => response.writeHead(404).end());
  running = await startLoopbackService([
    `  - { slug: mystery, name: Mystery, url: "${page.baseUrl}", interval: 1s }`,
  ]);
}, 30_000);

afterAll(async () => {
  await running?.stop();
  await page?.close();
});

describe('a config vendor whose platform cannot be detected yet', () => {
  it('is listed failing with the reason, retried, and recovers once detected', async () => {
    // Health reads 'failing' (never succeeded), as for every vendor never read; not 'stale'.
    const failing = await waitFor('listed failing', (v) => v?.error !== undefined);
    expect(failing).toMatchObject({
      slug: 'mystery',
      platform: 'undetected',
      health: 'failing',
      lastSuccessAt: null,
    });
    expect(failing.error).toMatch(/^platform not detected: .+; set `platform:`$/);

    await waitFor(
      'retried',
      (v) => v?.lastPolledAt !== failing.lastPolledAt && v?.error === failing.error,
    );

    page!.serve({
      summary: fixture('summary.github.2022-11-25.unresolved.json'),
      incidents: fixture('incidents.github.2026-07-31.first13.json'),
    });
    const recovered = await waitFor('recovered', (v) => v?.lastSuccessAt != null);
    expect(recovered).toMatchObject({ slug: 'mystery', platform: 'statuspage', health: 'ok' });
    expect(recovered.error).toBeUndefined();

    const response = await fetch(`${running!.service.url}/api/v1/incidents?vendor=mystery`);
    const { incidents } = (await response.json()) as { incidents: unknown[] };
    expect(incidents.length).toBeGreaterThan(0);
  }, 40_000);
});
