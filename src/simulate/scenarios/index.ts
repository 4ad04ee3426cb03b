// The simulator's named scenarios: each a timeline built in code, with the config it expects.
import type { Timeline } from '../timeline-schema.js';
import { upstreamOutageDependsOn, upstreamOutageTimeline } from './upstream-outage.js';

export interface Scenario {
  summary: string;
  timeline(minuteMs: number): Timeline;
  /** The `dependsOn` entries a watching config needs, by vendor slug. */
  dependsOn: Readonly<Record<string, readonly string[]>>;
}

export const scenarios: Readonly<Record<string, Scenario>> = {
  'upstream-outage': {
    summary:
      'AWS us-east-1 down, three dependents posting 3–9 min apart, one unrelated incident at the same time',
    timeline: (minuteMs) => upstreamOutageTimeline({ minuteMs }),
    dependsOn: upstreamOutageDependsOn,
  },
};

export const scenarioNames = Object.keys(scenarios);
