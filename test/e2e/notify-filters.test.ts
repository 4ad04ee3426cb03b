// Filters applied when events are recorded, end to end through the simulator: an incident that
// starts on API and Dashboard, clears Dashboard, then goes on for API only. A target filtered to
// Dashboard hears the start, the Dashboard update and the resolution, not the API-only update;
// one filtered to Builder hears nothing; minImpact: major hears nothing of a minor incident.
import { afterEach, describe, expect, it } from 'vitest';
import { listDeliveries } from '../../src/store/index.js';
import { hearSplitIncident, type SplitIncidentRun } from '../test-support/split-incident.js';

let run: SplitIncidentRun | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

describe('component and impact filters', () => {
  it('send each target only what concerns it', { timeout: 60_000 }, async () => {
    run = await hearSplitIncident({
      stepMs: 1500,
      names: ['dashboard', 'builder', 'api', 'major', 'all'],
      targets: (urls) => [
        {
          name: 'dashboard',
          type: 'webhook',
          url: urls.dashboard!,
          components: { acme: ['Dashboard'] },
        },
        { name: 'builder', type: 'webhook', url: urls.builder!, components: { acme: ['Builder'] } },
        { name: 'api', type: 'webhook', url: urls.api!, components: { acme: ['API'] } },
        { name: 'major', type: 'webhook', url: urls.major!, minImpact: 'major' },
        { name: 'all', type: 'webhook', url: urls.all!, vendors: ['acme'] },
      ],
    });
    expect(run.problems()).toEqual([]);
    expect(run.seen('all')).toEqual([
      'incident.opened API and Dashboard are slow.',
      'incident.updated Dashboard has recovered.',
      'incident.updated API fix deployed.',
      'incident.resolved API has recovered.',
    ]);
    expect(run.seen('dashboard')).toEqual([
      'incident.opened API and Dashboard are slow.',
      'incident.updated Dashboard has recovered.',
      'incident.resolved API has recovered.',
    ]);
    expect(run.seen('api')).toEqual([
      'incident.opened API and Dashboard are slow.',
      'incident.updated API fix deployed.',
      'incident.resolved API has recovered.',
    ]);
    expect(run.seen('builder')).toEqual([]);
    expect(run.seen('major')).toEqual([]);
    const targets = (await listDeliveries(run.store.db, { limit: 100 })).deliveries.map(
      (d) => d.target,
    );
    expect(targets).not.toContain('builder');
    expect(targets).not.toContain('major');
  });
});
