// The built-in catalog (catalog/vendors.json): a data file checked like code, because a wrong URL
// or platform there silently breaks every install that names the slug.
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../adapters/registry.js';
import { runVendors } from '../cli/commands/vendors.js';
import { categories } from '../domain/vocabulary.js';
import { platforms } from './platforms.js';
import { isCatalogSource, loadCatalog, pageHost, searchCatalog } from './catalog.js';
import { slugPattern } from './schema.js';

const raw = JSON.parse(
  readFileSync(new URL('../../catalog/vendors.json', import.meta.url), 'utf8'),
) as { defaultWatchList: string[]; vendors: Record<string, unknown>[] };
const catalog = loadCatalog();

/** Fixed-host platforms: their page lives on one host only. */
const fixedHosts: Partial<Record<string, readonly string[]>> = {
  slack: ['status.slack.com'],
  heroku: ['status.heroku.com'],
  gcp: ['status.cloud.google.com', 'www.google.com', 'status.firebase.google.com'],
  aws: ['health.aws.amazon.com'],
  azure: ['azure.status.microsoft'],
};

describe('catalog/vendors.json', () => {
  it('has at least 1,100 vendors, each with exactly the six fields (and optionally dependsOn)', () => {
    // 1,127 confirmed today (docs/catalog.md); the goal is 1,200 as sources are found.
    expect(raw.vendors.length).toBeGreaterThanOrEqual(1100);
    for (const vendor of raw.vendors) {
      const keys = Object.keys(vendor).filter((key) => key !== 'dependsOn');
      expect(keys.sort(), JSON.stringify(vendor)).toEqual([
        'category',
        'name',
        'platform',
        'slug',
        'source',
        'url',
      ]);
    }
  });

  it('has unique slugs, unique status page URLs and one entry per status page host', () => {
    const slugs = catalog.vendors.map((v) => v.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    const urls = catalog.vendors.map((v) => v.url.replace(/\/+$/, '').toLowerCase());
    expect(urls.filter((url, i) => urls.indexOf(url) !== i)).toEqual([]);
    const hosts = catalog.vendors.map((v) => pageHost(v.url));
    expect(hosts.filter((host, i) => hosts.indexOf(host) !== i)).toEqual([]);
    for (const slug of slugs) expect(slug).toMatch(slugPattern);
  });

  it('records for every entry the public source it was checked against', () => {
    const carried = catalog.vendors.filter((v) => v.source.includes('vendorwatch:'));
    for (const { slug, source } of catalog.vendors) {
      expect(isCatalogSource(source), `${slug}: ${source}`).toBe(true);
    }
    // Only entries of the catalog before per-entry sources carry it over (docs/catalog.md), and
    // their number only falls as public sources are found for them.
    expect(carried.length).toBeLessThanOrEqual(175);
    const github = catalog.vendors.length - carried.length;
    expect(github).toBeGreaterThanOrEqual(catalog.vendors.length / 2);
  });

  it('accepts only pinned public sources or the earlier catalog as a source', () => {
    const commit = 'a'.repeat(40);
    expect(isCatalogSource(`github:inket/stts@${commit}:Resources/services.json`)).toBe(true);
    expect(isCatalogSource(`github:a/b@${commit}:x.json + github:c/d@${commit}:y/z.go`)).toBe(true);
    expect(isCatalogSource('vendorwatch:catalog/vendors.json@90eb947')).toBe(true);
    for (const bad of [
      '',
      'github:inket/stts:Resources/services.json',
      `github:inket/stts@${'a'.repeat(7)}:services.json`,
      `github:inket/stts@${commit}:`,
      'https://example.com/list',
      `github:a/b@${commit}:x.json + `,
      'vendorwatch:catalog/vendors.json@deadbee',
    ]) {
      expect(isCatalogSource(bad), bad).toBe(false);
    }
  });

  it('keeps names clean', () => {
    for (const { slug, name } of catalog.vendors) {
      expect(name, slug).toMatch(/^\S(.*\S)?$/);
      expect(name, slug).not.toMatch(/\s{2}|[<>]/);
      expect(
        [...name].every((char) => char >= ' '),
        slug,
      ).toBe(true);
    }
  });

  it('uses only known platforms and categories from the fixed list', () => {
    for (const vendor of catalog.vendors) {
      expect(platforms, vendor.slug).toContain(vendor.platform);
      expect(categories, vendor.slug).toContain(vendor.category);
      expect(vendor.name.trim(), vendor.slug).toBe(vendor.name);
    }
  });

  it('points every vendor at a plain https URL on a public-looking host', () => {
    for (const { slug, url } of catalog.vendors) {
      const parsed = new URL(url);
      expect(parsed.protocol, slug).toBe('https:');
      expect(parsed.username + parsed.password + parsed.search + parsed.hash, slug).toBe('');
      expect(parsed.port, slug).toBe('');
      expect(parsed.hostname, slug).toMatch(/^([a-z0-9-]+\.)+[a-z]{2,}$/);
      expect(parsed.hostname, slug).not.toMatch(/(^|\.)(localhost|example|test|internal)(\.|$)/);
    }
  });

  it('gives each platform the URL shape its adapter reads', () => {
    for (const { slug, url, platform } of catalog.vendors) {
      const host = new URL(url).hostname;
      const fixed = fixedHosts[platform];
      if (fixed) expect(fixed, slug).toContain(host);
      else expect(Object.values(fixedHosts).flat(), slug).not.toContain(host);
      if (platform === 'statusio') expect(url, slug).toMatch(/\/[0-9a-f]{24}$/);
      if (platform === 'rss') expect(url, slug).toMatch(/\.(rss|atom|xml)$|\/feed\/?$/);
      // The page itself, never one of its API paths: the adapter appends those.
      if (['statuspage', 'incidentio', 'instatus', 'betterstack', 'sorry'].includes(platform)) {
        expect(url, slug).not.toMatch(/\/$|\/api\/|\.json$|\.(rss|atom|xml)$/);
      }
      const endpoints = getAdapter(platform)!.endpoints(url);
      expect(endpoints.length, slug).toBeGreaterThan(0);
      for (const endpoint of endpoints) expect(endpoint.url, slug).toMatch(/^https:\/\//);
    }
  });

  it('keeps the default watch list to Statuspage vendors that exist', () => {
    expect(catalog.defaultWatchList.length).toBeGreaterThan(0);
    for (const slug of catalog.defaultWatchList) {
      expect(catalog.bySlug.get(slug)?.platform, slug).toBe('statuspage');
    }
  });

  it('covers every category teams depend on', () => {
    const counts = new Map<string, number>();
    for (const vendor of catalog.vendors) {
      counts.set(vendor.category, (counts.get(vendor.category) ?? 0) + 1);
    }
    // Few CDN/DNS vendors publish a machine-readable page; every other category has many.
    expect(counts.get('cdn-dns') ?? 0).toBeGreaterThanOrEqual(5);
    const wanted = ['cloud', 'devtools', 'payments', 'communications', 'identity', 'observability'];
    for (const category of [...wanted, 'ai', 'databases', 'productivity']) {
      expect(counts.get(category) ?? 0, category).toBeGreaterThanOrEqual(20);
    }
  });
});

describe('searchCatalog and `vendorwatch vendors`', () => {
  it('matches every word against slug, name, category and URL', () => {
    expect(searchCatalog(catalog, 'GitHub').map((v) => v.slug)).toContain('github');
    expect(searchCatalog(catalog, 'AI status.openai').map((v) => v.slug)).toContain('openai');
    expect(searchCatalog(catalog, 'status.heroku.com').map((v) => v.slug)).toEqual(['heroku']);
    expect(searchCatalog(catalog, 'no-such-vendor-anywhere')).toEqual([]);
    expect(searchCatalog(catalog, '')).toHaveLength(catalog.vendors.length);
  });

  it('prints the matches as a table, or JSON', () => {
    const table = capture((io) => runVendors(['payments', 'square'], io));
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^SLUG\s+NAME\s+CATEGORY\s+PLATFORM\s+STATUS PAGE/);
    expect(table.out).toContain('https://www.issquareup.com');
    const json = capture((io) => runVendors(['--json', 'status.gitlab.com'], io));
    const parsed = JSON.parse(json.out) as { vendors: { slug: string; platform: string }[] };
    expect(parsed.vendors).toEqual([
      expect.objectContaining({ slug: 'gitlab', platform: 'statusio' }),
    ]);
    expect(capture((io) => runVendors(['zzzz-nothing'], io)).out).toMatch(
      /no catalog vendor matches/,
    );
  });
});

function capture(command: (io: Parameters<typeof runVendors>[1]) => number) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = command({
    stdout,
    stderr,
    env: {},
    cwd: process.cwd(),
    untilSignal: () => Promise.resolve('SIGTERM'),
  });
  return { code, out };
}
