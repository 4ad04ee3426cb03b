import { describe, expect, it } from 'vitest';
import { incidentSearchWords, queryWords, searchWords } from './search-words.js';

describe('search words', () => {
  it('lowercases, drops accents, splits on anything but letters and digits, keeps each once', () => {
    expect(searchWords('État du RÉSEAU: réseau-dégradé (100%) "NEAR" api_gateway')).toEqual([
      'etat',
      'du',
      'reseau',
      'degrade',
      '100',
      'near',
      'api',
      'gateway',
    ]);
    expect(searchWords('İstanbul Zürich ß')).toEqual(['istanbul', 'zurich', 'ß']);
    expect(searchWords('*** "" () -:')).toEqual([]);
  });

  it('cuts long words at 100 characters without splitting a character', () => {
    const [cut] = searchWords(`${'a'.repeat(99)}\u{20000}\u{20000}`);
    expect(cut).toBe('a'.repeat(99));
    expect(searchWords('𝔘𝔫𝔦 Ⅳ')).toEqual(['uni', 'iv']);
    expect(searchWords('b'.repeat(500))).toEqual(['b'.repeat(100)]);
  });

  it('asks for the first 16 words of a search', () => {
    const words = queryWords(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    expect(words).toHaveLength(16);
    expect(words[0]).toBe('w0');
  });

  it('puts the title, vendor and components first and caps what a flood of updates adds', () => {
    const words = incidentSearchWords({
      title: 'Elevated errors',
      vendorName: 'balena.io',
      vendorSlug: 'balena',
      components: ['Cloudlink (VPN)'],
      updates: [
        {
          bodyText: Array.from({ length: 5000 }, (_, i) => `${'x'.repeat(90)}${i}`).join(' '),
          components: ['Builder'],
        },
      ],
    });
    expect(words.startsWith('elevated errors balena io cloudlink vpn x')).toBe(true);
    expect(words.length).toBeLessThanOrEqual(200_000);
    expect(words.split(' ')).not.toContain('builder');
  });
});
