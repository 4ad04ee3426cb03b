import { describe, expect, it } from 'vitest';
import { heapGrowthFlag, limitHeapGrowth } from './heap.js';

describe('heapGrowthFlag', () => {
  it.each<[string, string[], string | null]>([
    ['nothing on the command line', [], '--heap-growing-percent=50'],
    ['other V8 flags', ['--max-old-space-size=512', '--expose-gc'], '--heap-growing-percent=50'],
    ['a flag that only starts alike', ['--heap-growing-percentile=9'], '--heap-growing-percent=50'],
    ['the limit with dashes', ['--heap-growing-percent=20'], null],
    ['the limit with underscores, value apart', ['--heap_growing_percent', '20'], null],
    ['the limit among others', ['--expose-gc', '--heap-growing-percent=80'], null],
  ])('%s', (_case, execArgv, flag) => {
    expect(heapGrowthFlag(execArgv)).toBe(flag);
  });
});

describe('limitHeapGrowth', () => {
  it('leaves a growth limit given on the command line alone', () => {
    expect(limitHeapGrowth(['--heap-growing-percent=20'])).toBe(false);
    expect(limitHeapGrowth(['--heap_growing_percent', '20'])).toBe(false);
  });

  it('sets the limit otherwise', () => {
    expect(limitHeapGrowth([])).toBe(true);
  });
});
