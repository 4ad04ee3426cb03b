// The hygiene scenarios as the simulator serves them: each one's page, read at its steps, shows
// what the flag is about (end to end through vendorwatch: test/e2e/hygiene-flags.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { hygieneScenario, hygieneScenarioNames } from './hygiene-scenarios.js';
import { startSimulator, type Simulator } from './index.js';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

interface SummaryJson {
  incidents: Array<{ status: string; impact: string; started_at: string; created_at: string }>;
}

async function summary(sim: Simulator): Promise<SummaryJson> {
  const response = await fetch(`${sim.vendors[0]!.baseUrl}/api/v2/summary.json`);
  return (await response.json()) as SummaryJson;
}

/** The page's incidents once `ready` holds for them (the steps play on timers). */
async function once(
  sim: Simulator,
  ready: (incidents: SummaryJson['incidents']) => boolean,
): Promise<SummaryJson['incidents']> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { incidents } = await summary(sim);
    if (ready(incidents) || Date.now() > deadline) return incidents;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('hygiene scenarios', () => {
  it.each(hygieneScenarioNames)('%s serves an empty page first', async (name) => {
    simulator = await startSimulator({ timeline: hygieneScenario(name, { leadMs: 60_000 }) });
    expect((await summary(simulator)).incidents).toEqual([]);
  });

  it('impact-downgrade: critical first, then minor', { timeout: 20_000 }, async () => {
    simulator = await startSimulator({
      timeline: hygieneScenario('impact-downgrade', { leadMs: 200, stepMs: 600 }),
    });
    const first = await once(simulator, (incidents) => incidents.length > 0);
    expect(first.map((i) => i.impact)).toEqual(['critical']);
    const later = await once(simulator, (incidents) => incidents[0]?.impact !== 'critical');
    expect(later.map((i) => i.impact)).toEqual(['minor']);
  });

  it('backdated-start: appears claiming a start two hours back', { timeout: 20_000 }, async () => {
    const now = Date.now();
    simulator = await startSimulator({
      timeline: hygieneScenario('backdated-start', { now, leadMs: 200 }),
    });
    const [incident] = await once(simulator, (incidents) => incidents.length > 0);
    expect(Date.parse(incident!.started_at)).toBe(now + 200 - 2 * 3_600_000);
  });

  it('stuck-monitoring: ends in monitoring and stays there', { timeout: 20_000 }, async () => {
    simulator = await startSimulator({
      timeline: hygieneScenario('stuck-monitoring', { leadMs: 200, stepMs: 300 }),
    });
    const last = await once(simulator, (incidents) => incidents[0]?.status === 'monitoring');
    expect(last.map((i) => i.status)).toEqual(['monitoring']);
  });
});
