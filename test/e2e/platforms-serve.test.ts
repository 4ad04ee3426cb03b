// One vendor per simulated platform (Statuspage, incident.io, Instatus, Cachet 2, a history.atom
// feed), each with an incident that opens and resolves, watched by the real service as `serve`
// runs it (config file, SQLite file, HTTP API) and checked only through that API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackService, type LoopbackService } from '../test-support/service.js';
import { parseTimeline, startSimulator, type Simulator } from '../../src/simulate/index.js';

const platforms = ['statuspage', 'incidentio', 'instatus', 'cachet', 'rss'] as const;
type Platform = (typeof platforms)[number];
/** Quiet time before the incidents open, so the first poll is a baseline and not history. */
const baselineMs = 5000;
const stepMs = 1500;

function vendorTimeline(platform: Platform) {
  const at = (minutes: number) => new Date(Date.UTC(2026, 6, 1, 10, minutes)).toISOString();
  const update = (id: string, status: string, minutes: number) => ({
    id: `${platform}-${id}`,
    status,
    at: at(minutes),
    body: `${platform}: the API is ${status}`,
  });
  const incident = (status: string, updates: ReturnType<typeof update>[]) => ({
    id: `${platform}-inc1`,
    name: `${platform} API errors`,
    status,
    impact: 'major',
    components: ['api'],
    updates,
  });
  const u1 = update('u1', 'investigating', 0);
  const u2 = update('u2', 'identified', 10);
  const u3 = update('u3', 'resolved', 20);
  return {
    slug: `sim-${platform}`,
    name: `Sim ${platform}`,
    platform,
    components: [
      { id: 'api', name: 'API' },
      { id: 'web', name: 'Web' },
    ],
    steps: [
      { afterMs: 0 },
      {
        afterMs: baselineMs,
        components: { api: 'major_outage' },
        incidents: [incident('investigating', [u1])],
      },
      {
        afterMs: stepMs,
        components: { api: 'partial_outage' },
        incidents: [incident('identified', [u1, u2])],
      },
      { afterMs: stepMs, incidents: [incident('resolved', [u1, u2, u3])] },
    ],
  };
}

interface ApiIncident {
  id: string;
  vendorSlug: string;
  title: string;
  phase: string;
  resolvedAt: string | null;
  updates?: Array<{ phase: string; bodyText: string }>;
}

let simulator: Simulator | undefined;
let running: LoopbackService | undefined;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${running!.service.url}${path}`, {
    signal: AbortSignal.timeout(5000),
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const incidentsOf = async (slug: string) =>
  (await api<{ incidents: ApiIncident[] }>(`/api/v1/incidents?vendor=${slug}`)).incidents;

beforeAll(async () => {
  simulator = await startSimulator({
    timeline: parseTimeline({ vendors: platforms.map(vendorTimeline) }),
  });
  const vendors = simulator.vendors.map(
    (v) =>
      `  - { slug: ${v.slug}, name: "${v.name}", url: "${v.baseUrl}", platform: ${v.platform}, interval: 1s }`,
  );
  running = await startLoopbackService(vendors);
}, 30_000);

afterAll(async () => {
  await running?.stop();
  await simulator?.close();
});

describe('serve watching one simulated vendor per platform', () => {
  it(
    'lists every vendor healthy and follows each incident from open to resolved',
    { timeout: 45_000 },
    async () => {
      // Baseline: every vendor polled successfully before the incidents open.
      const baselineDeadline = Date.now() + baselineMs;
      for (;;) {
        const { vendors } = await api<{ vendors: Array<{ lastSuccessAt: string | null }> }>(
          '/api/v1/vendors',
        );
        if (vendors.length === 5 && vendors.every((v) => v.lastSuccessAt !== null)) break;
        expect(Date.now(), 'no baseline poll before the incidents opened').toBeLessThan(
          baselineDeadline,
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      const seenOpen = new Map<Platform, ApiIncident>();
      const seenResolved = new Map<Platform, ApiIncident>();
      const deadline = Date.now() + baselineMs + 2 * stepMs + 15_000;
      while (seenResolved.size < platforms.length && Date.now() < deadline) {
        for (const platform of platforms) {
          if (seenResolved.has(platform)) continue;
          const [incident] = await incidentsOf(`sim-${platform}`);
          if (!incident) continue;
          if (incident.resolvedAt === null) seenOpen.set(platform, incident);
          else seenResolved.set(platform, incident);
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect([...seenOpen.keys()].sort(), 'incidents seen open').toEqual([...platforms].sort());
      expect([...seenResolved.keys()].sort(), 'incidents seen resolved').toEqual(
        [...platforms].sort(),
      );

      const { vendors } = await api<{
        vendors: Array<{ slug: string; platform: string; health: string; activeIncidents: number }>;
      }>('/api/v1/vendors');
      expect(
        vendors
          .map(({ slug, platform, health, activeIncidents }) => ({
            slug,
            platform,
            health,
            activeIncidents,
          }))
          .sort((a, b) => a.slug.localeCompare(b.slug)),
      ).toEqual(
        [...platforms]
          .sort()
          .map((p) => ({ slug: `sim-${p}`, platform: p, health: 'ok', activeIncidents: 0 })),
      );

      for (const platform of platforms) {
        const open = seenOpen.get(platform)!;
        const resolved = seenResolved.get(platform)!;
        expect(resolved.id, platform).toBe(open.id);
        expect(resolved).toMatchObject({ title: `${platform} API errors`, phase: 'resolved' });
        expect(['investigating', 'identified']).toContain(open.phase);
        const detail = await api<ApiIncident>(`/api/v1/incidents/${encodeURIComponent(open.id)}`);
        expect(detail).toMatchObject({ id: open.id, phase: 'resolved' });
        const phases = detail.updates!.map((u) => u.phase);
        if (platform === 'instatus') {
          // Instatus's summary carries no timeline: the incident is known only while active.
          continue;
        }
        expect(phases, platform).toEqual(
          platform === 'cachet'
            ? ['resolved', 'identified', 'resolved']
            : ['investigating', 'identified', 'resolved'],
        );
        expect(detail.updates!.at(-1)!.bodyText).toBe(`${platform}: the API is resolved`);
      }
    },
  );
});
