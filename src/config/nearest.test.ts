// The suggestions behind every "did you mean": typos, swaps and prefixes find the intended name;
// an unrelated word finds nothing rather than a random name.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { didYouMean, editDistance, nearest, nearestNames } from './nearest.js';

const slugs = [...loadCatalog().bySlug.keys()];

describe('nearestNames over the catalog slugs', () => {
  it.each([
    ['githbu', 'github'],
    ['gthub', 'github'],
    ['cloudflar', 'cloudflare'],
    ['stirpe', 'stripe'],
    ['balna', 'balena'],
  ])('%s suggests %s first', (typed, meant) => {
    expect(nearestNames(typed, slugs)[0]).toBe(meant);
  });

  it('offers the names a short prefix begins, nearest in length first, at most three', () => {
    const found = nearestNames('cloud', slugs);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(3);
    for (const name of found)
      expect(name.startsWith('cloud') || editDistance('cloud', name) <= 2).toBe(true);
  });

  it('suggests nothing for a word unlike any name, nor the name itself', () => {
    expect(nearestNames('zzzzqqqq', slugs)).toEqual([]);
    expect(nearestNames('x', slugs)).toEqual([]);
    expect(nearestNames('github', ['github'])).toEqual([]);
  });
});

describe('nearest (config keys)', () => {
  it('finds a misspelt key, a swapped pair and a case slip, and nothing far away', () => {
    expect(nearest('polInterval', ['pollInterval', 'vendors'])).toBe('pollInterval');
    expect(nearest('vednors', ['pollInterval', 'vendors'])).toBe('vendors');
    expect(nearest('Vendors', ['pollInterval', 'vendors'])).toBe('vendors');
    expect(nearest('database', ['pollInterval', 'vendors'])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('reads as one clause for one, two or three names, and is empty for none', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['github'])).toBe(' (did you mean "github"?)');
    expect(didYouMean(['a', 'b'])).toBe(' (did you mean "a" or "b"?)');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' (did you mean "a", "b" or "c"?)');
  });
});
