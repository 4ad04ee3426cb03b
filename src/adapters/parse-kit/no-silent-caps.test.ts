// No adapter drops data without saying so (docs/reliability.md#a13): every cut goes through
// capList or names itself in a warning. An AWS regional event once lost 40 of its 140 impacted
// services to an unannounced `.slice(0, 100)`; the scan below keeps that kind of cut out.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { awsAdapter } from '../aws/index.js';
import { cachetAdapter } from '../cachet/index.js';
import { rssAdapter } from '../rss/index.js';
import type { PlatformAdapter } from '../types.js';

/** A list read from a payload (asList, Object.keys/values/entries, byType) cut by `.slice(`. */
const listThenSlice =
  /(?:asList|Object\.(?:keys|values|entries)|byType)\((?:[^()]|\([^()]*\))*\)\s*\.slice\(/g;

const adaptersRoot = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function warningsOf(adapter: PlatformAdapter, bodies: Record<string, string>): string[] {
  const result = adapter.parse(bodies, { statusPageUrl: 'https://status.example.com' });
  if (!result.ok) throw new Error(result.error);
  return result.snapshot.warnings;
}

describe('no silent caps in adapters', () => {
  it('no adapter cuts a list it read with .slice (capList warns; a bare slice does not)', () => {
    // The simulator's renderers write payloads, they do not read them.
    const offenders = sourceFiles(adaptersRoot)
      .filter((path) => !/sim-(?:kit|render)/.test(path))
      .flatMap((path) =>
        [...readFileSync(path, 'utf8').matchAll(listThenSlice)].map(
          (match) => `${relative(adaptersRoot, path)}: ${match[0].replace(/\s+/g, ' ')}`,
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('the scan catches the cuts it is meant to', () => {
    const aws = `const listed = Object.keys(impacted ?? {})\n    .slice(0, 100)\n    .flatMap(`;
    const cachet = 'for (const raw of asList(row.updates).slice(0, 500)) {';
    expect(aws.match(listThenSlice)).not.toBeNull();
    expect(cachet.match(listThenSlice)).not.toBeNull();
    expect('const head = body.slice(0, 64);'.match(listThenSlice)).toBeNull();
  });

  it('Cachet: more than 500 embedded updates are cut with a warning', () => {
    const updates = Array.from({ length: 600 }, (_, i) => ({
      id: i + 1,
      status: 2,
      message: `u${i}`,
      created_at: '2024-01-01 00:00:00',
    }));
    const warnings = warningsOf(cachetAdapter, {
      components: JSON.stringify({ data: [] }),
      incidents: JSON.stringify({
        meta: { pagination: { total_pages: 1 } },
        data: [{ id: 7, name: 'x', status: 2, created_at: '2024-01-01 00:00:00', updates }],
      }),
    });
    expect(warnings).toContain('incident 7 updates: kept the first 500 of 600 items');
  });

  it('RSS: a timeline longer than the scanned content says it was cut', () => {
    const item = '<p><small>Jul 3, 07:12 UTC</small><br><strong>Update</strong> - x</p>';
    const content = item.repeat(Math.ceil((2 * 1024 * 1024) / item.length) + 10);
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>I</title><guid>g1</guid><pubDate>Thu, 03 Jul 2025 07:12:00 +0000</pubDate><description><![CDATA[${content}]]></description></item></channel></rss>`;
    const warnings = warningsOf(rssAdapter, { feed });
    expect(warnings.join('\n')).toMatch(/content of \d+ characters; read the first 2097152/);
  });

  it('AWS legacy: a description longer than the scanned part says it was cut', () => {
    const description = 'x'.repeat(600 * 1024);
    const warnings = warningsOf(awsAdapter, {
      events: JSON.stringify({
        current: [{ service: 'ec2-us-east-1', date: '1719846000', summary: 'x', description }],
        archive: [],
      }),
    });
    expect(warnings.join('\n')).toMatch(/description of 614400 characters; read the first 524288/);
  });
});
