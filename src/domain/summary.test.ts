import { describe, expect, it } from 'vitest';
import { incidentDurationSeconds, summarizeIncident } from './summary.js';

const balena = {
  kind: 'incident' as const,
  impact: 'notice' as const,
  phase: 'postmortem' as const,
  startedAt: '2025-09-10T13:47:31.000Z',
  resolvedAt: '2025-09-10T22:08:05.000Z',
  scheduledFor: null,
  components: [
    'API',
    'BalenaOS Download',
    'Dashboard',
    'Device URLs',
    'Cloudlink (VPN)',
    'balenahub',
  ],
};

describe('summarizeIncident', () => {
  it('reads like the reference sentence', () => {
    expect(summarizeIncident(balena, 'Balena', '2025-10-01T00:00:00Z')).toBe(
      'Balena experienced a notice incident on September 10, 2025 affecting API, BalenaOS Download and 4 more components, lasting 8h 20m.',
    );
  });

  it('says ongoing for an open incident', () => {
    const open = { ...balena, phase: 'investigating' as const, resolvedAt: null };
    expect(summarizeIncident(open, 'Balena', '2025-09-10T15:52:40.000Z')).toBe(
      'Balena experienced a notice incident on September 10, 2025 affecting API, BalenaOS Download and 4 more components, ongoing for 2h 5m.',
    );
  });

  it.each([
    [[], 'GitHub experienced a major incident on September 10, 2025, lasting 8h 20m.'],
    [
      ['Actions'],
      'GitHub experienced a major incident on September 10, 2025 affecting Actions, lasting 8h 20m.',
    ],
    [
      ['Actions', 'Pages'],
      'GitHub experienced a major incident on September 10, 2025 affecting Actions and Pages, lasting 8h 20m.',
    ],
    [
      ['Actions', 'Pages', 'API'],
      'GitHub experienced a major incident on September 10, 2025 affecting Actions, Pages and 1 more component, lasting 8h 20m.',
    ],
  ])('components %j', (components, sentence) => {
    expect(
      summarizeIncident(
        { ...balena, impact: 'major', components },
        'GitHub',
        '2026-01-01T00:00:00Z',
      ),
    ).toBe(sentence);
  });

  it('uses "an" before a vowel impact and words maintenance apart', () => {
    expect(
      summarizeIncident(
        {
          ...balena,
          kind: 'maintenance',
          impact: 'maintenance',
          phase: 'completed',
          components: ['API'],
        },
        'Balena',
        '2026-01-01T00:00:00Z',
      ),
    ).toBe(
      'Balena held scheduled maintenance on September 10, 2025 affecting API, lasting 8h 20m.',
    );
    expect(
      summarizeIncident(
        {
          ...balena,
          kind: 'maintenance',
          impact: 'maintenance',
          phase: 'scheduled',
          resolvedAt: null,
          scheduledFor: '2025-12-01T02:00:00Z',
          components: [],
        },
        'Balena',
        '2025-11-01T00:00:00Z',
      ),
    ).toBe('Balena has scheduled maintenance on December 1, 2025.');
  });

  it('computes the duration from the real timestamps, floored', () => {
    expect(incidentDurationSeconds(balena, '2030-01-01T00:00:00Z')).toBe(8 * 3600 + 20 * 60 + 34);
  });
});
