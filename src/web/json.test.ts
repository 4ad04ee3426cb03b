import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { etagMatches, sendJson, weakEtag } from './json.js';

describe('etagMatches', () => {
  const tag = weakEtag('{"a":1}');

  it.each([
    [undefined, false],
    ['', false],
    [tag, true],
    [tag.replace(/^W\//, ''), true],
    [`"other", ${tag}`, true],
    ['*', true],
    ['"other"', false],
    [`${tag}x`, false],
  ])('If-None-Match %j → %s', (header, expected) => {
    expect(etagMatches(header, tag)).toBe(expected);
  });

  it('is weak and changes with the body', () => {
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(weakEtag('{"a":2}')).not.toBe(tag);
  });
});

describe('sendJson', () => {
  const app = new Hono()
    .get('/ok', (c) => sendJson(c, { hello: 'world' }))
    .get('/missing', (c) => sendJson(c, { error: 'x' }, 404));

  it('sends no-cache JSON with a weak ETag, and 304 with no body when it matches', async () => {
    const first = await app.request('/ok');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(weakEtag(JSON.stringify({ hello: 'world' })));
    expect(await first.json()).toEqual({ hello: 'world' });

    const second = await app.request('/ok', { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe('');
  });

  it('puts no ETag on errors and never answers them with 304', async () => {
    const response = await app.request('/missing', { headers: { 'if-none-match': '*' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });
});
