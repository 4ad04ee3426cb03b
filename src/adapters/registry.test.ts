import { describe, expect, it } from 'vitest';
import { adapters, getAdapter, indexAdapters, platforms } from './registry.js';
import { statuspageAdapter } from './statuspage/index.js';

describe('adapter registry', () => {
  it('finds the Statuspage adapter by its platform', () => {
    expect(getAdapter('statuspage')).toBe(statuspageAdapter);
  });

  it('registers each platform once, and only platforms of the vocabulary', () => {
    const registered = adapters.map((a) => a.platform);
    expect(new Set(registered).size).toBe(registered.length);
    for (const platform of registered) expect(platforms).toContain(platform);
  });

  it('answers undefined for a platform without an adapter, never another adapter', () => {
    for (const platform of platforms) {
      const adapter = getAdapter(platform);
      if (adapter) expect(adapter.platform).toBe(platform);
    }
  });

  it('refuses two adapters for one platform at load', () => {
    expect(() => indexAdapters([statuspageAdapter, { ...statuspageAdapter }])).toThrow(
      'Two adapters are registered for platform "statuspage"',
    );
  });
});
