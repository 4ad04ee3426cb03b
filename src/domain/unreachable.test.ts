import { describe, expect, it } from 'vitest';
import { decideUnreachable, type FailedPoll, type UnreachableDecision } from './unreachable.js';

const now = '2025-09-10T12:00:00.000Z';
const minutesAgo = (minutes: number) => new Date(Date.parse(now) - minutes * 60_000).toISOString();

/** Interval 60 s: data is stale once the last success is more than 3 minutes old. */
const failing: FailedPoll = {
  degradedAtStart: false,
  degradedNow: false,
  alreadyReported: false,
  lastSuccessAt: minutesAgo(10),
  intervalSeconds: 60,
  now,
};

describe('decideUnreachable', () => {
  it.each<[string, Partial<FailedPoll>, UnreachableDecision]>([
    ['stale, first time: announced', {}, { held: false, announce: true, reported: true }],
    [
      'not stale yet: quiet',
      { lastSuccessAt: minutesAgo(2) },
      { held: false, announce: false, reported: false },
    ],
    [
      'exactly three intervals old: not stale yet',
      { lastSuccessAt: minutesAgo(3) },
      { held: false, announce: false, reported: false },
    ],
    [
      'never polled well: quiet',
      { lastSuccessAt: null },
      { held: false, announce: false, reported: false },
    ],
    [
      'already announced in this streak: once only',
      { alreadyReported: true },
      { held: false, announce: false, reported: true },
    ],
    [
      'our network looks down: held, not marked reported',
      { degradedNow: true },
      { held: true, announce: false, reported: false },
    ],
    [
      'the poll began while our network looked down: held too',
      { degradedAtStart: true },
      { held: true, announce: false, reported: false },
    ],
    [
      'held but announced before the outage: stays reported',
      { degradedNow: true, alreadyReported: true },
      { held: true, announce: false, reported: true },
    ],
    [
      'a longer interval keeps the data fresh longer',
      { intervalSeconds: 300 },
      { held: false, announce: false, reported: false },
    ],
  ])('%s', (_case, overrides, decision) => {
    expect(decideUnreachable({ ...failing, ...overrides })).toEqual(decision);
  });
});
