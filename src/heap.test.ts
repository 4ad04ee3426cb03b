import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from './heap.js';

describe('limitHeapGrowth', () => {
  it('leaves a growth limit given on the command line alone', () => {
    expect(limitHeapGrowth(['--heap-growing-percent=20'])).toBe(false);
    expect(limitHeapGrowth(['--heap_growing_percent', '20'])).toBe(false);
  });

  it('sets the limit otherwise, and the process keeps running', () => {
    expect(limitHeapGrowth([])).toBe(true);
    expect(getHeapStatistics().used_heap_size).toBeGreaterThan(0);
  });
});
