import { describe, expect, it } from 'vitest';
import { statuspageAdapter } from './index.js';

describe('statuspageAdapter.endpoints', () => {
  const urls = (page: string) =>
    statuspageAdapter.endpoints(page).map((e) => [e.key, e.url, e.required]);

  it('asks for the summary and the incident history (required) and the maintenances (optional)', () => {
    expect(urls('https://www.githubstatus.com')).toEqual([
      ['summary', 'https://www.githubstatus.com/api/v2/summary.json', true],
      ['incidents', 'https://www.githubstatus.com/api/v2/incidents.json', true],
      ['maintenances', 'https://www.githubstatus.com/api/v2/scheduled-maintenances.json', false],
    ]);
  });

  it.each([
    'https://status.claude.com/',
    'https://status.claude.com///',
    'https://status.claude.com/api/v2/summary.json',
    'https://status.claude.com/api/v2/',
    'https://status.claude.com/api/v2',
    '  https://status.claude.com/api/v2/incidents/unresolved.json  ',
  ])('derives the same base from %j', (page) => {
    expect(statuspageAdapter.endpoints(page)[0]?.url).toBe(
      'https://status.claude.com/api/v2/summary.json',
    );
  });

  it('keeps a path prefix that is not the API', () => {
    expect(statuspageAdapter.endpoints('https://example.com/status/')[1]?.url).toBe(
      'https://example.com/status/api/v2/incidents.json',
    );
  });
});
