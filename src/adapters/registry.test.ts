import { describe, expect, it } from 'vitest';
import { adapters, getAdapter, indexAdapters, isPlatform, platforms } from './registry.js';
import { statuspageAdapter } from './statuspage/index.js';
import { platformProblems } from './test-support/platform-checks.js';
import { definePlatform } from './types.js';

describe('adapter registry', () => {
  it('finds the Statuspage adapter by its platform', () => {
    expect(getAdapter('statuspage')).toBe(statuspageAdapter);
  });

  it('registers each platform once; the platform list is the registry in its order', () => {
    const registered = adapters.map((a) => a.platform);
    expect(new Set(registered).size).toBe(registered.length);
    expect(platforms).toEqual(registered);
    expect(isPlatform('statuspage')).toBe(true);
    expect(isPlatform('nope')).toBe(false);
    expect(isPlatform(undefined)).toBe(false);
  });

  it('answers undefined for a platform without an adapter, never another adapter', () => {
    for (const platform of platforms) expect(getAdapter(platform)?.platform).toBe(platform);
    expect(getAdapter('nope')).toBeUndefined();
  });

  it('refuses two adapters for one platform at load', () => {
    expect(() => indexAdapters([statuspageAdapter, { ...statuspageAdapter }])).toThrow(
      'Two adapters are registered for platform "statuspage"',
    );
  });
});

describe('every registered platform is complete', () => {
  it.each(platforms)('%s: its folder, golden fixtures with sources, and a detection rule', (p) => {
    expect(platformProblems(getAdapter(p)!)).toEqual([]);
  });

  it('the checks fail a platform that brings only a parser', () => {
    const bare = definePlatform({
      platform: 'bare',
      detection: {
        jsonProbes: [
          { path: '/x.json', classify: () => null, pageUrl: (b) => b, hintedOnly: true },
        ],
      },
      endpoints: () => [],
      parse: () => ({ ok: false, error: 'none' }),
    });
    const problems = platformProblems(bare);
    expect(problems).toContain('no folder src/adapters/bare/ with an index.ts');
    expect(problems.some((p) => p.startsWith('no fixtures in '))).toBe(true);
    expect(problems).toContain('detection has no rule that can name this platform');
  });

  it('the checks fail a fixture without its golden or its source notes', () => {
    const elsewhere = { ...statuspageAdapter, platform: 'timelines' };
    const problems = platformProblems(elsewhere);
    expect(problems.some((p) => p.startsWith('no SOURCES.md in '))).toBe(true);
    expect(problems).toContain('balena-2025-09-10.json has no balena-2025-09-10.normalized.json');
  });
});
