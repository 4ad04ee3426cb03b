// The incident page through the real app on the shared scenario (a Balena incident shaped like
// the reference page, with a later title edit), plus 404s and revalidation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { observedIncident, observedUpdate, snapshot } from '../../test-support/seed.js';
import {
  balenaIncidentId,
  githubActiveId,
  balenaMaintenanceId,
  now,
  seedScenario,
  type Scenario,
} from '../../test-support/scenario.js';
import { visibleText } from '../test-support/inert-html.js';

let scenario: Scenario;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  scenario = await seedScenario();
  app = createApp({ db: scenario.testStore.store.db, now: () => now });
});
afterAll(() => scenario.testStore.dispose());

describe('the incident page', () => {
  it('previews in a chat: title with impact and phase, the summary, and a favicon', async () => {
    const html = await (await app.request(`/incidents/${balenaIncidentId}`)).text();
    const meta = (attribute: string, name: string) =>
      new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`).exec(html)?.[1];
    const summary =
      'Balena experienced a notice incident on September 10, 2025 affecting API, BalenaOS ' +
      'Download and 4 more components, lasting 8h 20m.';
    expect(meta('name', 'description')).toBe(summary);
    expect(meta('property', 'og:description')).toBe(summary);
    expect(meta('property', 'og:title')).toMatch(/^Balena: .+ \(Notice, (Resolved|Postmortem)\)$/);
    expect(meta('property', 'og:site_name')).toBe('vendorwatch');
    const icon = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1];
    expect(icon).toMatch(/^\/assets\/favicon\.svg\?v=/);
    const served = await app.request(icon!);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(await served.text()).toContain('<svg');
  });

  it('marks the parts a live page swaps, with a polite live region and no reload notice', async () => {
    const html = await (await app.request(`/incidents/${githubActiveId}`)).text();
    const parts = [...html.matchAll(/data-live-part="([a-z]+)"/g)].map((match) => match[1]);
    expect(parts).toEqual([
      'title',
      'badges',
      'summary',
      'facts',
      'components',
      'flags',
      'timeline',
      'revisions',
    ]);
    expect(html).toContain(
      '<p class="visually-hidden" aria-live="polite" data-live-announcer=""></p>',
    );
    expect(html).toMatch(/<ol class="timeline" data-testid="timeline" data-live-list="">/);
    // The open incident's phase is a badge of its own, with the phase as data for app.js.
    expect(html).toMatch(
      /data-live-part="badges">.*<span class="badge phase phase-\w+" data-phase="\w+">/s,
    );
    expect(visibleText(html)).not.toMatch(/reload/i);
    expect(html).not.toContain('data-live-note');
  });

  it('shows its hygiene flags with the evidence: the title rewrite, old → new with both times', async () => {
    const html = await (await app.request(`/incidents/${balenaIncidentId}`)).text();
    const section =
      /<section aria-labelledby="flags-title"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const text = visibleText(section);
    expect(text).toContain('Rewritten');
    expect(text).toMatch(/Before\s*Elevated API Errors\s*\(seen Sep 10, 2025, 01:50 PM UTC\)/);
    expect(text).toMatch(
      /After\s*Elevated API errors on balenaCloud\s*\(seen Sep 10, 2025, 02:30 PM UTC\)/,
    );
    const active = await (await app.request(`/incidents/${githubActiveId}`)).text();
    expect(active).not.toContain('flags-title');
  });

  it('shows what the reference page shows, in UTC, inside <time datetime>', async () => {
    const response = await app.request(`/incidents/${balenaIncidentId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    const text = visibleText(html);
    expect(text).toContain('Elevated API errors on balenaCloud');
    expect(text).toMatch(/Notice\s*Resolved/);
    expect(text).toContain(
      'Balena experienced a notice incident on September 10, 2025 affecting API, BalenaOS Download and 4 more components, lasting 8h 20m.',
    );
    expect(text).toMatch(/Started\s*Sep 10, 2025, 01:47 PM UTC/);
    expect(text).toMatch(/Resolved\s*Sep 10, 2025, 10:07 PM UTC/);
    expect(text).toMatch(/Duration\s*8h 20m/);
    expect(text).toMatch(
      /Detected by vendorwatch\s*Sep 10, 2025, 01:50 PM UTC — 2m after the vendor's first post/,
    );
    expect(html).toContain(
      '<time datetime="2025-09-10T13:47:31.000Z" data-local="">Sep 10, 2025, 01:47 PM UTC</time>',
    );
    expect(html).toContain('href="https://status.balena.io/incidents/8gq2x9k1mlh4"');
    for (const name of [
      'API',
      'BalenaOS Download',
      'Dashboard',
      'Cloudlink (VPN)',
      'Builder',
      'Proxy',
    ]) {
      expect(html).toContain(`<li>${name}</li>`);
    }
    expect(html.match(/<li id="update-\d+"/g)).toHaveLength(3);
    // Vendor HTML kept (sanitized), plain text escaped once.
    expect(html).toContain('We are <b>investigating</b> errors.');
    expect(html).toContain('The cause is known &amp; being fixed.');
    expect(text).toMatch(
      /Later edits by the vendor.*Title.*Before\s*Elevated API Errors\s*After\s*Elevated API errors on balenaCloud/,
    );
  });

  it('says "ongoing" for an open maintenance and shows its window', async () => {
    const text = visibleText(await (await app.request(`/incidents/${balenaMaintenanceId}`)).text());
    expect(text).toMatch(/Maintenance\s*In progress/);
    expect(text).toMatch(/Scheduled\s*Sep 10, 2025, 10:00 PM UTC until Sep 10, 2025, 11:00 PM UTC/);
    expect(text).toMatch(/Completed\s*ongoing/);
    expect(text).toMatch(/Duration\s*10m so far/);
  });

  it('answers 304 to a revalidation with the ETag it sent', async () => {
    const first = await app.request(`/incidents/${balenaIncidentId}`);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await app.request(`/incidents/${balenaIncidentId}`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('re-renders a cached page when the clock moves for an open incident', async () => {
    let clock = now;
    const clocked = createApp({ db: scenario.testStore.store.db, now: () => clock });
    const duration = async () =>
      /Duration\s*([^A-Z]+?)\s*Detected/.exec(
        visibleText(await (await clocked.request('/incidents/github-gh-active')).text()),
      )?.[1];
    expect(await duration()).toBe('2h 10m so far');
    expect(await duration()).toBe('2h 10m so far');
    clock = '2025-09-10T22:15:30.000Z';
    expect(await duration()).toBe('2h 15m so far');
  });

  it('re-renders a cached page when the vendor posts an update', async () => {
    const { poll } = scenario.testStore;
    const page = async () =>
      (await (await app.request(`/incidents/${githubActiveId}`)).text()).match(
        /<li id="update-\d+"/g,
      )?.length;
    expect(await page()).toBe(1);
    await poll(
      'github',
      snapshot([
        observedIncident('gh-active', {
          title: 'Incident with Copilot',
          impact: 'major',
          phase: 'identified',
          startedAt: '2025-09-10T20:00:00.000Z',
          components: ['Copilot'],
          updates: [
            observedUpdate('gh-active-u1', 'investigating', '2025-09-10T20:00:00.000Z'),
            observedUpdate('gh-active-u2', 'identified', '2025-09-10T21:00:00.000Z'),
          ],
        }),
      ]),
      '2025-09-10T22:09:30.000Z',
    );
    expect(await page()).toBe(2);
  });

  it('gives an HTML 404 for unknown and absurdly long ids', async () => {
    for (const id of ['balena-nope', 'x'.repeat(300)]) {
      const response = await app.request(`/incidents/${id}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(visibleText(await response.text())).toContain('No such incident');
    }
  });
});
