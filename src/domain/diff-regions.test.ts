// Regions (Azure's region categories) are stored with the incident and follow the vendor's edits;
// a platform that names no regions leaves the stored value alone.
import { describe, expect, it } from 'vitest';
import { diffSnapshot, type KnownIncident } from './diff.js';
import type { ObservedIncident, VendorSnapshot } from './snapshot.js';

const now = '2026-01-22T16:00:00.000Z';

function observed(regions: string[] | undefined): ObservedIncident {
  return {
    sourceId: '7KQ3-LX8',
    title: 'Multiple services – East US 2',
    kind: 'incident',
    impact: 'minor',
    phase: 'investigating',
    startedAt: '2026-01-22T14:44:00.000Z',
    resolvedAt: null,
    sourceUrl: null,
    components: ['Virtual Machines'],
    updates: [],
    scheduledFor: null,
    scheduledUntil: null,
    ...(regions === undefined ? {} : { regions }),
  };
}

function snapshot(incident: ObservedIncident): VendorSnapshot {
  return {
    platform: 'azure',
    pageName: null,
    components: [],
    incidents: [incident],
    listsAllOpen: true,
    warnings: [],
  };
}

function known(regions: string[]): KnownIncident {
  const { updates: _updates, regions: _regions, ...rest } = observed(regions);
  return { ...rest, id: 'azure-7KQ3-LX8', regions, updates: [] };
}

describe('incident regions in the diff', () => {
  it('a new incident carries its regions; a platform without them stores none', () => {
    const [write] = diffSnapshot('azure', null, snapshot(observed(['East US 2'])), now).incidents;
    expect(write).toMatchObject({ action: 'insert', incident: { regions: ['East US 2'] } });
    const [plain] = diffSnapshot('azure', null, snapshot(observed(undefined)), now).incidents;
    expect(plain).toMatchObject({ action: 'insert', incident: { regions: [] } });
  });

  it('a changed region list is written and reported as a change', () => {
    const previous = { components: [], incidents: [known(['East US 2'])] };
    const plan = diffSnapshot(
      'azure',
      previous,
      snapshot(observed(['East US 2', 'Central US'])),
      now,
    );
    expect(plan.incidents).toEqual([
      expect.objectContaining({
        action: 'update',
        fields: { regions: ['East US 2', 'Central US'] },
      }),
    ]);
    expect(plan.events[0]!.changes.regions).toEqual({
      from: ['East US 2'],
      to: ['East US 2', 'Central US'],
    });
  });

  it('a snapshot without regions leaves stored ones alone', () => {
    const previous = { components: [], incidents: [known(['East US 2'])] };
    const plan = diffSnapshot('azure', previous, snapshot(observed(undefined)), now);
    expect(plan.incidents).toEqual([]);
  });
});
