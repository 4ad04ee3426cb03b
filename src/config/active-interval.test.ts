// polling.activeInterval and vendors[].activeInterval: 10 s by default, never below 5 s.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeIntervalOf } from '../app/polling-settings.js';
import { ConfigError, loadConfig } from './load.js';

function load(text: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'vw-active-')), 'vendorwatch.yaml');
  writeFileSync(path, text);
  return loadConfig({ path, env: {} });
}

describe('active interval config', () => {
  it('defaults to 10 s; a vendor may have its own', () => {
    const config = load('vendors:\n  - github\n  - { slug: stripe, activeInterval: 30s }\n');
    const activeFor = activeIntervalOf(config);
    expect(activeFor('github')).toBe(10);
    expect(activeFor('stripe')).toBe(30);
    expect(activeIntervalOf(load('polling: { activeInterval: 5s }\n'))('github')).toBe(5);
  });

  it('refuses an active interval below 5 s, globally or per vendor', () => {
    expect(() => load('polling: { activeInterval: 4s }\n')).toThrow(ConfigError);
    expect(() => load('polling: { activeInterval: 4s }\n')).toThrow(/at least 5s/);
    expect(() => load('vendors:\n  - { slug: stripe, activeInterval: 1s }\n')).toThrow(
      /activeInterval.*at least 5s|at least 5s/,
    );
  });
});
