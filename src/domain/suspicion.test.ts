// The suspicion rule as a table: each row a run of probe results from a calm vendor, the actions
// it yields and the state it ends in.
import { describe, expect, it } from 'vitest';
import {
  calmSuspicion,
  describePostingLag,
  formatLag,
  incidentPostingLagSeconds,
  medianSeconds,
  postingLagSeconds,
  stepSuspicion,
  type SuspicionAction,
  type SuspicionState,
} from './suspicion.js';

const t = (s: number) => new Date(Date.UTC(2026, 11, 5, 10, 0, s)).toISOString();

/** fail | pass | down (fail while our network is down) | open (fail, vendor has an incident). */
type Step = 'fail' | 'pass' | 'down' | 'open';

function play(steps: readonly Step[], suspectAfter = 2, start: SuspicionState = calmSuspicion) {
  let state = start;
  const actions: SuspicionAction['kind'][] = [];
  const details: SuspicionAction[] = [];
  steps.forEach((step, i) => {
    const result = stepSuspicion(
      state,
      {
        ok: step === 'pass',
        at: t(i * 10),
        networkDegraded: step === 'down',
        vendorHasOpenIncident: step === 'open',
      },
      suspectAfter,
    );
    state = result.state;
    actions.push(result.action.kind);
    details.push(result.action);
  });
  return { state, actions, details };
}

describe('the suspicion rule', () => {
  it.each<[string, Step[], number, SuspicionAction['kind'][], boolean]>([
    ['one failure is not enough', ['fail'], 2, ['none'], false],
    ['fail, fail → suspected', ['fail', 'fail'], 2, ['none', 'suspect'], true],
    [
      'suspected once, however long it fails',
      ['fail', 'fail', 'fail', 'fail'],
      2,
      ['none', 'suspect', 'none', 'none'],
      true,
    ],
    [
      'a pass between failures starts over',
      ['fail', 'pass', 'fail'],
      2,
      ['none', 'none', 'none'],
      false,
    ],
    [
      'suspected, then a pass → cleared',
      ['fail', 'fail', 'pass'],
      2,
      ['none', 'suspect', 'clear'],
      false,
    ],
    ['a pass with nothing suspected clears nothing', ['pass', 'pass'], 2, ['none', 'none'], false],
    ['suspectAfter 3 needs three', ['fail', 'fail', 'fail'], 3, ['none', 'none', 'suspect'], true],
    ['suspectAfter 1 suspects at once', ['fail'], 1, ['suspect'], true],
    [
      'our network down: nothing, however many',
      ['down', 'down', 'down', 'down'],
      2,
      ['none', 'none', 'none', 'none'],
      false,
    ],
    [
      'a failure before the network went down does not count after',
      ['fail', 'down', 'fail'],
      2,
      ['none', 'none', 'none'],
      false,
    ],
    [
      'the vendor has an open incident: nothing to suspect',
      ['open', 'open', 'open'],
      2,
      ['none', 'none', 'none'],
      false,
    ],
    // The poll's commit already ended a linked suspicion, so this clear finds nothing to end.
    [
      'incident posted while suspected → ended, no clear later',
      ['fail', 'fail', 'open', 'pass'],
      2,
      ['none', 'suspect', 'clear', 'none'],
      false,
    ],
    [
      'suspected, network down meanwhile, then a pass → cleared',
      ['fail', 'fail', 'down', 'pass'],
      2,
      ['none', 'suspect', 'none', 'clear'],
      false,
    ],
  ])('%s', (_name, steps, suspectAfter, actions, suspected) => {
    const played = play(steps, suspectAfter);
    expect(played.actions).toEqual(actions);
    expect(played.state.open !== null).toBe(suspected);
  });

  it('dates the suspicion from the first failure of the streak', () => {
    const { details } = play(['pass', 'fail', 'fail', 'fail', 'pass']);
    expect(details[2]).toEqual({ kind: 'suspect', firstSignalAt: t(10), failures: 2 });
    expect(details[4]).toEqual({
      kind: 'clear',
      firstSignalAt: t(10),
      suspectedAt: t(20),
      because: 'probes pass',
    });
    expect(play(['fail', 'fail', 'open']).details[2]).toMatchObject({ because: 'incident open' });
  });

  it('resumes an open suspicion a restarted worker loaded', () => {
    const open = { firstSignalAt: t(0), suspectedAt: t(10) };
    const { actions } = play(['fail', 'pass'], 2, { ...calmSuspicion, open });
    expect(actions).toEqual(['none', 'clear']);
  });
});

describe('posting lag', () => {
  it('is the first post minus the first failing probe, null when either is missing', () => {
    expect(postingLagSeconds(t(0), t(40))).toBe(40);
    expect(postingLagSeconds(t(40), t(0))).toBe(-40);
    expect(postingLagSeconds(null, t(0))).toBeNull();
    expect(postingLagSeconds(t(0), null)).toBeNull();
    expect(
      incidentPostingLagSeconds({
        firstSignalAt: t(5),
        updates: [{ postedAt: t(50) }, { postedAt: t(30) }],
      }),
    ).toBe(25);
    expect(incidentPostingLagSeconds({ updates: [{ postedAt: t(30) }] })).toBeNull();
  });

  it('has a median over incidents', () => {
    expect(medianSeconds([])).toBeNull();
    expect(medianSeconds([600])).toBe(600);
    expect(medianSeconds([900, 60, 600])).toBe(600);
    expect(medianSeconds([60, 600, 900, 1200])).toBe(750);
  });

  it('reads as people say it', () => {
    expect(formatLag(45)).toBe('45 s');
    expect(formatLag(660)).toBe('11 min');
    expect(formatLag(7500)).toBe('2 h 5 min');
    expect(describePostingLag(660, 'Balena')).toBe(
      "vendorwatch's probes saw errors 11 min before Balena posted",
    );
    expect(describePostingLag(-120, 'Balena')).toBe(
      "Balena's first post is dated 2 min before vendorwatch's probes saw errors",
    );
  });
});
