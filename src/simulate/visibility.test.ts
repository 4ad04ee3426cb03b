import { describe, expect, it } from 'vitest';
import type { VisibilityRecord } from '../adapters/sim-kit/types.js';
import { VisibilityLog } from './visibility.js';

const record = (n: number): VisibilityRecord => ({
  vendorSlug: 'v',
  kind: 'component_changed',
  componentId: `c${n}`,
  visibleAt: n,
});

describe('VisibilityLog', () => {
  it('reads incrementally by offset', () => {
    const log = new VisibilityLog();
    log.push([record(0), record(1)]);
    expect(log.since(0)).toEqual({ records: [record(0), record(1)], next: 2 });
    log.push([record(2)]);
    expect(log.since(2)).toEqual({ records: [record(2)], next: 3 });
    expect(log.since(99)).toEqual({ records: [], next: 3 });
    expect(log.since(-5).records).toHaveLength(3);
  });

  it('drops the oldest half past its cap and keeps offsets valid', () => {
    const log = new VisibilityLog(4);
    log.push([0, 1, 2, 3, 4].map(record));
    expect(log.all().map((r) => r.visibleAt)).toEqual([3, 4]);
    expect(log.since(0)).toEqual({ records: [record(3), record(4)], next: 5 });
    expect(log.since(4)).toEqual({ records: [record(4)], next: 5 });
  });
});
