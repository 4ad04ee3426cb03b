// The `boards` filter end to end through the simulator and the running notifier: an incident that
// starts on API and Dashboard, clears Dashboard, then goes on for API only. A target on a board
// of acme's Dashboard hears the start, the Dashboard update and the resolution (which follows it
// past the filter); one on a board of acme's Builder hears nothing; one on a board of the whole
// vendor hears everything.
import { afterEach, describe, expect, it } from 'vitest';
import type { Board } from '../../src/domain/board.js';
import { hearSplitIncident, type SplitIncidentRun } from '../test-support/split-incident.js';

const board = (slug: string, components: string[] | null): Board => ({
  slug,
  name: slug,
  description: null,
  public: false,
  company: null,
  vendors: [{ slug: 'acme', components }],
});
const boards = [board('web', ['dashboard']), board('builds', ['Builder']), board('all', null)];

let run: SplitIncidentRun | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

describe('the boards filter', () => {
  it('sends each target what concerns its boards', { timeout: 60_000 }, async () => {
    run = await hearSplitIncident({
      stepMs: 1000,
      names: ['web', 'builds', 'all'],
      targets: (urls) =>
        Object.entries(urls).map(([name, url]) => ({
          name,
          type: 'webhook',
          url,
          boards: [name],
        })),
      boards,
    });
    expect(run.problems()).toEqual([]);
    expect(run.seen('all')).toEqual([
      'incident.opened API and Dashboard are slow.',
      'incident.updated Dashboard has recovered.',
      'incident.updated API fix deployed.',
      'incident.resolved API has recovered.',
    ]);
    expect(run.seen('web')).toEqual([
      'incident.opened API and Dashboard are slow.',
      'incident.updated Dashboard has recovered.',
      'incident.resolved API has recovered.',
    ]);
    expect(run.seen('builds')).toEqual([]);
  });
});
