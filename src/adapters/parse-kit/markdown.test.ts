import { describe, expect, it } from 'vitest';
import { buildUpdate } from './incident-parts.js';
import { markdownToHtml } from './markdown.js';

const md = (raw: string) =>
  buildUpdate({
    sourceId: 'u',
    phase: 'investigating',
    raw,
    postedAt: '2026-07-08T14:02:11.000Z',
    components: null,
    format: 'markdown',
  });

describe('markdownToHtml', () => {
  it.each([
    ['one plain sentence', 'We are investigating.', 'We are investigating.'],
    [
      'strong and emphasis',
      '**Down** for *some* _users_',
      '<strong>Down</strong> for <em>some</em> <em>users</em>',
    ],
    [
      'snake_case and 2*3*4 stay as they are',
      'set max_conn_count to 2*3*4',
      'set max_conn_count to 2*3*4',
    ],
    [
      'a link with a title',
      '[status](https://x.example/a "Status page")',
      '<a href="https://x.example/a">status</a>',
    ],
    [
      'a link without a title',
      '[docs](https://x.example/d)',
      '<a href="https://x.example/d">docs</a>',
    ],
    ['an autolink', '<https://x.example/>', '<a href="https://x.example/">https://x.example/</a>'],
    ['a javascript: link stays text', '[x](javascript:alert(1))', '[x](javascript:alert(1))'],
    ['inline code keeps its stars', 'run `a*b*c`', 'run <code>a*b*c</code>'],
    [
      'raw HTML is text',
      '<script>alert(1)</script> & <b>x</b>',
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;',
    ],
    ['strikethrough markers go', '~~old~~ new', 'old new'],
    ['a line break', 'one\ntwo', 'one<br>two'],
  ])('%s', (_name, source, html) => {
    expect(markdownToHtml(source)).toBe(html);
  });

  it('renders blocks: paragraphs, headings, lists, quotes, fenced code', () => {
    const source = [
      '## Summary',
      '',
      'First paragraph.',
      '',
      '- one',
      '- two',
      '',
      '1. first',
      '2. second',
      '',
      '> quoted',
      '',
      '```',
      'a < b **not bold**',
      '```',
    ].join('\n');
    expect(markdownToHtml(source)).toBe(
      '<h4>Summary</h4><p>First paragraph.</p><ul><li>one</li><li>two</li></ul>' +
        '<ol><li>first</li><li>second</li></ol><blockquote>quoted</blockquote>' +
        '<pre><code>a &lt; b **not bold**</code></pre>',
    );
  });

  it('takes linear time on hostile input', () => {
    const started = Date.now();
    markdownToHtml(`${'*_[`'.repeat(20_000)}\n${'['.repeat(50_000)}](`);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('Markdown bodies through buildUpdate', () => {
  it('body is allowlisted HTML, bodyText has no Markdown syntax', () => {
    const update = md(
      '## Impact\n\nSee [the post](https://x.example/p "Post") for **details**.\n\n- API\n- Web',
    );
    expect(update.body).toBe(
      '<h4>Impact</h4><p>See <a href="https://x.example/p" rel="noopener noreferrer nofollow">the post</a> for <strong>details</strong>.</p><ul><li>API</li><li>Web</li></ul>',
    );
    expect(update.bodyText).toBe('Impact\nSee the post for details.\nAPI\nWeb');
  });

  it('a body that is HTML already is not read as Markdown', () => {
    expect(md('<p>We are <b>on it</b>_now_</p>').body).toBe('<p>We are <b>on it</b>_now_</p>');
  });
});
