// The pure parts of detection: page bases, known hosts, HTML markers and body verdicts, as the
// registered platforms' rules give them.
import { describe, expect, it } from 'vitest';
import { classifyFeed } from '../../adapters/rss/detect.js';
import { readHtmlFindings } from './html-markers.js';
import { hostedPlatformHint, matchKnownHost } from './known-hosts.js';
import { baseAfterRedirect, looksLikeFeedUrl, parsePageUrl } from './page-url.js';
import { classifyProbe, orderJsonProbes } from './probes.js';

/** The registered verdicts on the bodies of two probe paths. */
const classifySummary = (body: string) => classifyProbe('/api/v2/summary.json', body);
const classifyInstatus = (body: string) => classifyProbe('/summary.json', body);

describe('parsePageUrl', () => {
  it.each([
    ['https://www.githubstatus.com/', 'https://www.githubstatus.com'],
    ['https://www.githubstatus.com/api/v2/summary.json', 'https://www.githubstatus.com'],
    ['https://www.githubstatus.com/incidents/nwjwwhj118sf', 'https://www.githubstatus.com'],
    ['https://neonstatus.com/console/', 'https://neonstatus.com/console'],
    ['https://neonstatus.com/console/history', 'https://neonstatus.com/console'],
    ['https://status.example.com/summary.json?x=1#top', 'https://status.example.com'],
    ['https://status.example.com/v2/components.json', 'https://status.example.com'],
  ])('%s → %s', (input, base) => {
    expect(parsePageUrl(input)).toMatchObject({ ok: true, base });
  });

  it('refuses other schemes and credentials', () => {
    expect(parsePageUrl('file:///etc/passwd')).toMatchObject({ ok: false });
    expect(parsePageUrl('https://user:pw@status.example.com')).toMatchObject({ ok: false });
  });

  it('recognises pasted feed URLs', () => {
    expect(looksLikeFeedUrl(new URL('https://a.example/history.atom'))).toBe(true);
    expect(looksLikeFeedUrl(new URL('https://status.slack.com/feed/rss'))).toBe(true);
    expect(looksLikeFeedUrl(new URL('https://a.example/incidents'))).toBe(false);
  });

  it('moves the base with a redirected probe, and only then', () => {
    const probe = 'https://status.anthropic.com/api/v2/summary.json';
    const final = 'https://status.claude.com/api/v2/summary.json';
    expect(baseAfterRedirect(probe, final, 'https://status.anthropic.com')).toBe(
      'https://status.claude.com',
    );
    expect(
      baseAfterRedirect(probe, 'https://x.example/login', 'https://status.anthropic.com'),
    ).toBe('https://status.anthropic.com');
  });
});

describe('matchKnownHost', () => {
  const match = (url: string) => matchKnownHost(new URL(url));

  it('maps old aliases to the canonical page', () => {
    expect(match('https://slack-status.com/')).toMatchObject({
      platform: 'slack',
      statusPageUrl: 'https://status.slack.com',
    });
    expect(match('https://status.aws.amazon.com/')).toMatchObject({
      platform: 'aws',
      statusPageUrl: 'https://health.aws.amazon.com/health/status',
    });
    expect(match('https://status.azure.com/en-us/status')).toMatchObject({
      platform: 'azure',
      statusPageUrl: 'https://azure.status.microsoft/en-us/status/',
    });
  });

  it('keeps the canonical host as pasted, with the path its adapter expects', () => {
    expect(match('https://status.cloud.google.com/incidents/abc')).toMatchObject({
      platform: 'gcp',
      statusPageUrl: 'https://status.cloud.google.com',
    });
    expect(match('https://status.firebase.google.com/')).toMatchObject({
      platform: 'gcp',
      statusPageUrl: 'https://status.firebase.google.com',
    });
    expect(match('https://www.google.com/appsstatus/dashboard/summary')).toMatchObject({
      platform: 'gcp',
      statusPageUrl: 'https://www.google.com/appsstatus/dashboard',
    });
  });

  it('status.io needs a page id in the URL', () => {
    const id = '5a6f3b2c1d0e9f8a7b6c5d4e';
    expect(match(`https://api.status.io/1.0/status/${id}`)).toMatchObject({
      platform: 'statusio',
      statusPageUrl: `https://api.status.io/1.0/status/${id}`,
    });
    expect(match('https://status.io/')).toBeNull();
    expect(match('https://www.githubstatus.com/')).toBeNull();
    expect(match('https://mystatus.io/')).toBeNull();
  });

  it('hosting domains are hints, not answers', () => {
    expect(hostedPlatformHint(new URL('https://acme.instatus.com'))).toBe('instatus');
    expect(hostedPlatformHint(new URL('https://acme.betteruptime.com'))).toBe('betterstack');
    expect(hostedPlatformHint(new URL('https://status.acme.com'))).toBeNull();
  });
});

describe('readHtmlFindings', () => {
  it('reads advertised feeds as absolute URLs, at most four', () => {
    const links = [
      '<link rel="alternate" type="application/atom+xml" href="/history.atom">',
      "<link type='application/rss+xml' rel='alternate' href='https://cdn.example/h.rss?a=1&amp;b=2'>",
      '<link rel="stylesheet" href="/site.css">',
      '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">',
    ].join('');
    expect(readHtmlFindings(links, 'https://status.example.com/').feeds).toEqual([
      'https://status.example.com/history.atom',
      'https://cdn.example/h.rss?a=1&b=2',
    ]);
  });

  it('does not take "status.io" inside another domain for status.io', () => {
    const findings = readHtmlFindings(
      '<a href="https://www.mystatus.io/pages/history/5a6f3b2c1d0e9f8a7b6c5d4e">x</a>',
      'https://www.mystatus.io/',
    );
    expect(findings.page).toBeNull();
  });

  it('an id near the status.io API is high confidence, a bare id medium', () => {
    const api = readHtmlFindings(
      '<script src="https://api.status.io/1.0/status/5a6f3b2c1d0e9f8a7b6c5d4e"></script>',
      'https://status.example.com/',
    );
    expect(api.page).toMatchObject({
      platform: 'statusio',
      pageId: '5a6f3b2c1d0e9f8a7b6c5d4e',
      confidence: 'high',
    });
    const bare = readHtmlFindings(
      '<footer>Powered by status.io</footer><div data-id="5a6f3b2c1d0e9f8a7b6c5d4e"></div>',
      'https://status.example.com/',
    );
    expect(bare.page).toMatchObject({ platform: 'statusio', confidence: 'medium' });
  });

  it('keeps markers in registry order, fallback markers last and only for a platform without one', () => {
    const page = (html: string) =>
      readHtmlFindings(html, 'https://status.example.com/').markers.map((m) => m.evidence);
    expect(page('<p>Instatus</p><script>self.__next_f.push(["/proxy/x"])</script>')).toEqual([
      'the page HTML names Instatus',
      'a Next.js page reading /proxy/ data',
    ]);
    expect(page('<p>incident.io</p><script>self.__next_f.push(["/proxy/x"])</script>')).toEqual([
      'the page HTML names incident.io',
    ]);
    expect(page('<p>cachethq betterstack statuspage.io</p>')).toEqual([
      'the page HTML names Atlassian Statuspage',
      'the page HTML names Better Stack',
      'the page HTML names Cachet',
    ]);
  });

  it('asks one request per path when several platforms probe it', () => {
    const summary = orderJsonProbes([]).find((group) => group.path === '/api/v2/summary.json');
    expect(summary?.platforms).toEqual(['statuspage', 'incidentio']);
  });

  it('hinted probes go first; hinted-only probes only when hinted', () => {
    expect(orderJsonProbes([]).map((p) => p.path)).toEqual([
      '/api/v2/summary.json',
      '/summary.json',
      '/index.json',
      '/api/v1/ping',
      '/api/ping',
    ]);
    expect(orderJsonProbes(['cachet']).map((p) => p.path)).toEqual([
      '/api/v1/ping',
      '/api/ping',
      '/api/v1/components',
      '/api/v2/summary.json',
      '/summary.json',
      '/index.json',
    ]);
  });
});

describe('body verdicts', () => {
  it('tells Statuspage, incident.io and imitators apart by page id', () => {
    const summary = (id: unknown) =>
      JSON.stringify({ page: { id }, status: { indicator: 'none' }, components: [] });
    expect(classifySummary(summary('kctbh9vrtdwd'))?.platform).toBe('statuspage');
    expect(classifySummary(summary('01JMDK9XYNY6RXSED6SDWW50WY'))?.platform).toBe('incidentio');
    expect(classifySummary(summary('x'))).toMatchObject({ confidence: 'medium' });
    expect(classifySummary(summary(12))).toBeNull();
    expect(classifySummary('<html>soft 404</html>')).toBeNull();
    expect(classifySummary('{"page":')).toBeNull();
  });

  it('Instatus needs one of its three page states', () => {
    expect(classifyInstatus('{"page":{"status":"UP"}}')?.platform).toBe('instatus');
    expect(classifyInstatus('{"page":{"status":"up"}}')).toBeNull();
  });

  it('feeds by root element, after a declaration and comments', () => {
    expect(classifyFeed('\uFEFF<?xml version="1.0"?><!-- x --><rss version="2.0">')).toBe('rss');
    expect(classifyFeed('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe('atom');
    expect(classifyFeed('<!doctype html><html>')).toBeNull();
  });
});
