import { describe, expect, it } from 'vitest';
import {
  followedFromPicks,
  followedStatus,
  isAffected,
  touchesFollowed,
  type StatusFacts,
} from './followed-components.js';
import type { ComponentStatus } from './vocabulary.js';

describe('touchesFollowed', () => {
  it.each<[string, string[] | null, string[] | null, boolean]>([
    ['all followed, a named component', null, ['API'], true],
    ['all followed, nothing named', null, [], true],
    ['a followed component named', ['API', 'Web'], ['API'], true],
    ['only an unfollowed component named', ['API'], ['Billing'], false],
    ['one followed among several named', ['API'], ['Billing', 'API'], true],
    ['names compare trimmed and case-insensitively', ['API'], ['  api '], true],
    ['an incident with no components still concerns the vendor', ['API'], [], true],
    ['unknown components (null) still concern the vendor', ['API'], null, true],
    ['following nothing: a named component is not followed', [], ['API'], false],
    ['following nothing: an incident naming none still counts', [], [], true],
  ])('%s', (_name, followed, components, expected) => {
    expect(touchesFollowed(followed, components)).toBe(expected);
  });
});

describe('followedStatus and isAffected', () => {
  const down = (name: string, status: ComponentStatus = 'major_outage') => ({ name, status });
  const up = (name: string) => ({ name, status: 'operational' as const });
  it.each<[string, string[] | null, StatusFacts, ComponentStatus, boolean]>([
    [
      'everything followed: the vendor status',
      null,
      { components: [up('API'), down('Billing')], openIncidents: [] },
      'major_outage',
      true,
    ],
    [
      'an unfollowed component down: not affected',
      ['API'],
      { components: [up('API'), down('Billing')], openIncidents: [] },
      'operational',
      false,
    ],
    [
      'a followed component degraded: affected',
      ['API'],
      { components: [down('API', 'degraded_performance'), down('Billing')], openIncidents: [] },
      'degraded_performance',
      true,
    ],
    [
      'an open incident on an unfollowed component: not affected',
      ['API'],
      { components: [up('API')], openIncidents: [{ impact: 'critical', components: ['Billing'] }] },
      'operational',
      false,
    ],
    [
      'an open incident naming no component: affected',
      ['API'],
      { components: [up('API')], openIncidents: [{ impact: 'major', components: [] }] },
      'partial_outage',
      true,
    ],
    [
      'maintenance on a followed component counts, as on the dashboard today',
      ['API'],
      { components: [down('API', 'under_maintenance')], openIncidents: [] },
      'under_maintenance',
      true,
    ],
    [
      'no components known and nothing open: operational',
      ['API'],
      { components: [], openIncidents: [] },
      'operational',
      false,
    ],
  ])('%s', (_name, followed, facts, status, affected) => {
    expect(followedStatus(followed, facts)).toBe(status);
    expect(isAffected(followedStatus(followed, facts))).toBe(affected);
  });

  it('unknown is no news: not affected', () => {
    expect(isAffected('unknown')).toBe(false);
    expect(isAffected('operational')).toBe(false);
  });
});

describe('followedFromPicks', () => {
  it.each<[string, string[], string[], string[] | null]>([
    ['every listed component picked: follow all (null)', ['API', 'Web'], ['Web', 'API'], null],
    ['some picked: those, in the page order', ['API', 'Web', 'DB'], ['DB', 'API'], ['API', 'DB']],
    ['none picked: follow none', ['API', 'Web'], [], []],
    ['a pick the page did not list is dropped', ['API', 'Web'], ['API', 'Evil'], ['API']],
    ['duplicates listed count once', ['API', 'api', 'Web'], ['API', 'Web'], null],
    ['nothing listed: follow all', [], [], null],
  ])('%s', (_name, listed, picked, expected) => {
    expect(followedFromPicks(listed, picked)).toEqual(expected);
  });
});
