// dependsOn in the config file and the catalog, and the correlation window: what they become,
// and the errors that name the bad value's path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { ConfigError, loadConfig } from './load.js';

function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vw-depends-'));
  const path = join(dir, 'vendorwatch.yaml');
  writeFileSync(path, text);
  return loadConfig({ path, env: {} });
}

function errorOf(text: string): string {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('dependsOn and correlation.window', () => {
  it("takes a config entry's dependsOn, else the catalog's, and a 15 minute window by default", () => {
    const config = load(`vendors:
  - heroku
  - slug: acme
    url: https://status.acme.example
    dependsOn: [aws:us-east-1, cloudflare, "azure:East US 2"]
  - slug: vercel
    dependsOn: []
`);
    const bySlug = new Map(config.vendors.map((v) => [v.slug, v.dependsOn]));
    expect(bySlug.get('heroku')).toEqual([
      { vendor: 'aws', region: 'us-east-1', source: 'catalog' },
    ]);
    expect(bySlug.get('acme')).toEqual([
      { vendor: 'aws', region: 'us-east-1', source: 'config' },
      { vendor: 'cloudflare', region: null, source: 'config' },
      { vendor: 'azure', region: 'east-us-2', source: 'config' },
    ]);
    expect(bySlug.get('vercel')).toEqual([]);
    expect(config.correlationWindowSeconds).toBe(900);
  });

  it('reads the window as a duration', () => {
    expect(load('correlation: { window: 10m }\nvendors: [github]\n').correlationWindowSeconds).toBe(
      600,
    );
  });

  it.each([
    [
      'vendors:\n  - slug: acme\n    url: https://a.example\n    dependsOn: [AWS]\n',
      'vendors[0].dependsOn[0]',
    ],
    [
      'vendors:\n  - slug: acme\n    url: https://a.example\n    dependsOn: ["aws:"]\n',
      'vendors[0].dependsOn[0]',
    ],
    ['vendors:\n  - slug: acme\n    url: https://a.example\n    dependsOn: aws\n', 'vendors[0]'],
    ['correlation: { window: 10s }\nvendors: [github]\n', 'correlation.window'],
  ])('refuses %j at %s', (text, path) => {
    expect(errorOf(text)).toContain(`config error at ${path}`);
  });

  it('every catalog dependsOn names a catalog vendor', () => {
    const catalog = loadCatalog();
    const named = catalog.vendors.flatMap((v) => v.dependsOn ?? []);
    expect(named.length).toBeGreaterThan(0);
    for (const value of named) expect(catalog.bySlug.has(value.split(':')[0]!)).toBe(true);
  });
});
