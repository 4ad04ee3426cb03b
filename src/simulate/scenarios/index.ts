// The simulator's named scenarios: each a timeline built in code, with the config it expects.
import type { Timeline } from '../timeline-schema.js';
import { hygieneScenario, type HygieneScenarioName } from '../hygiene-scenarios.js';
import { suspectedOutageTimeline } from './suspected-outage.js';
import { upstreamOutageDependsOn, upstreamOutageTimeline } from './upstream-outage.js';

export interface Scenario {
  summary: string;
  timeline(minuteMs: number): Timeline;
  /** The `dependsOn` entries a watching config needs, by vendor slug. */
  dependsOn: Readonly<Record<string, readonly string[]>>;
  /** What else a watching config needs, for the CLI to print; absent when nothing. */
  advice?: string;
}

/**
 * A hygiene flag scenario played for a person: 30 s of empty page first (vendorwatch reads it
 * before anything happens), then a change every sixth of a scenario minute (10 s by default).
 */
function hygiene(name: HygieneScenarioName, summary: string): Scenario {
  return {
    summary,
    timeline: (minuteMs) => hygieneScenario(name, { leadMs: 30_000, stepMs: minuteMs / 6 }),
    dependsOn: {},
  };
}

export const scenarios: Readonly<Record<string, Scenario>> = {
  'stuck-monitoring': hygiene(
    'stuck-monitoring',
    'an incident left in monitoring for hours (the stuck flag, incident.stuck)',
  ),
  'backdated-start': hygiene(
    'backdated-start',
    'an incident posted with a start hours before it appeared (the backdated flag)',
  ),
  'impact-downgrade': hygiene(
    'impact-downgrade',
    'an incident whose impact is lowered after publication (the downgraded flag)',
  ),
  'upstream-outage': {
    summary:
      'AWS us-east-1 down, three dependents posting 3–9 min apart, one unrelated incident at the same time',
    timeline: (minuteMs) => upstreamOutageTimeline({ minuteMs }),
    dependsOn: upstreamOutageDependsOn,
  },
  'suspected-outage': {
    summary:
      "Nimbus's API fails 11 min before Nimbus posts; Quartz Pay's fails for 3 min and recovers unannounced",
    timeline: (minuteMs) => suspectedOutageTimeline({ minuteMs }),
    dependsOn: {},
    advice:
      'give each vendor a probe of its API: probes: [{ name: api, url: <its url>/api/health, interval: 5s }]',
  },
};

export const scenarioNames = Object.keys(scenarios);
