// The upstream-outage scenario: a valid timeline whose claimed times are real minutes apart
// (3–9 between the upstream's dependents), compressed in replay, and held until started.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator.js';
import {
  upstreamOutageDependsOn,
  upstreamOutageExpected,
  upstreamOutageTimeline,
} from './upstream-outage.js';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

function firstPosts(minuteMs: number) {
  const timeline = upstreamOutageTimeline({ minuteMs, baseMs: Date.parse('2026-03-02T14:00:00Z') });
  return timeline.vendors.map((vendor) => ({
    slug: vendor.slug,
    claimed: Date.parse(vendor.steps[1]!.incidents[0]!.updates[0]!.at),
    replayMs: vendor.steps[1]!.afterMs,
  }));
}

describe('the upstream-outage scenario', () => {
  it('has the upstream and three dependents posting 3–9 minutes apart, and one unrelated at the same time', () => {
    const posts = firstPosts(100);
    const members = upstreamOutageExpected.members.map((slug) =>
      posts.find((p) => p.slug === slug)!,
    );
    const gaps = members.slice(1).map((post, i) => (post.claimed - members[i]!.claimed) / 60_000);
    expect(gaps).toEqual([3, 6, 9]);
    const unrelated = posts.find((p) => p.slug === upstreamOutageExpected.unrelated)!;
    expect((unrelated.claimed - members[0]!.claimed) / 60_000).toBe(4);
    // Compressed: a minute of the scenario is minuteMs of replay.
    expect(members.map((post) => post.replayMs)).toEqual([0, 300, 900, 1800]);
    expect(Object.keys(upstreamOutageDependsOn).sort()).toEqual([
      'acme-pay',
      'delta-db',
      'gamma-auth',
    ]);
  });

  it('serves the baseline until startReplay, then the changes', async () => {
    simulator = await startSimulator({
      timeline: upstreamOutageTimeline({ minuteMs: 10 }),
      holdReplay: true,
    });
    const aws = simulator.vendors.find((vendor) => vendor.slug === 'aws')!;
    const unresolved = async () =>
      (
        (await (await fetch(`${aws.baseUrl}/api/v2/incidents/unresolved.json`)).json()) as {
          incidents: unknown[];
        }
      ).incidents.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await unresolved()).toBe(0);
    simulator.startReplay();
    const deadline = Date.now() + 5000;
    while ((await unresolved()) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(simulator.visibility().some((record) => record.vendorSlug === 'aws')).toBe(true);
  });
});
