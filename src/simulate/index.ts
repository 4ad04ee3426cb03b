// The simulator's public API: a fleet of fake Statuspage pages for tests, benchmarks and demos.
export { startSimulator } from './simulator.js';
export type { SimulatedVendor, Simulator } from './simulator.js';
export { webhookFor, type PushRecord } from './pusher.js';
export { loadTimeline, parseTimeline, TimelineError } from './timeline.js';
export type { Timeline } from './timeline-schema.js';
export { simPlatforms } from './platforms.js';
export { scenarioNames, scenarios } from './scenarios/index.js';
export {
  upstreamOutageDependsOn,
  upstreamOutageExpected,
  upstreamOutageMinutes,
  upstreamOutageTimeline,
} from './scenarios/upstream-outage.js';
export {
  suspectedOutageTimeline,
  suspectedOutageVendors,
  type SuspectedOutageOptions,
} from './scenarios/suspected-outage.js';
export { apiHealthPath } from './http-handler.js';
export {
  hygieneScenario,
  hygieneScenarioNames,
  type HygieneScenarioName,
} from './hygiene-scenarios.js';
