// incident.io writes update bodies in Markdown (links as `[text](url "title")`). This renders the
// subset status pages use — paragraphs, line breaks, headings, lists, quotes, code, emphasis,
// links — to HTML that then goes through the same allowlist as every other body. Vendor text is
// escaped first, so raw HTML in Markdown shows as text; every pattern is linear (no backtracking
// blow-up on hostile input). A body that is one paragraph comes out without a <p>, so a plain
// sentence reads exactly as before.
import { escapeHtml } from '../../domain/sanitize.js';

const fence = /^\s{0,3}```/;
const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const quote = /^\s{0,3}>\s?(.*)$/;
const bullet = /^\s{0,3}[-*+]\s+(.*)$/;
const numbered = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;

/** Markdown source → HTML (unsanitized: the caller sanitizes it like any vendor HTML). */
export function markdownToHtml(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (fence.test(line)) {
      flush();
      const code: string[] = [];
      for (i += 1; i < lines.length && !fence.test(lines[i]!); i += 1) code.push(lines[i]!);
      blocks.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const list = listKind(line);
    if (list !== null) {
      flush();
      const items: string[] = [];
      for (; i < lines.length && listKind(lines[i]!) === list; i += 1)
        items.push(`<li>${inline(listItemText(lines[i]!))}</li>`);
      i -= 1;
      blocks.push(`<${list}>${items.join('')}</${list}>`);
      continue;
    }
    const quoted = quote.exec(line);
    if (quoted) {
      flush();
      const inner: string[] = [];
      for (; i < lines.length && quote.test(lines[i]!); i += 1)
        inner.push(quote.exec(lines[i]!)![1]!);
      i -= 1;
      blocks.push(`<blockquote>${markdownToHtml(inner.join('\n'))}</blockquote>`);
      continue;
    }
    const titled = heading.exec(line);
    if (titled) {
      flush();
      // The allowlist has no h1/h2: page-level headings would outrank the incident's own title.
      const level = Math.min(6, titled[1]!.length + 2);
      blocks.push(`<h${level}>${inline(titled[2]!)}</h${level}>`);
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line.trim());
  }
  flush();
  const [only] = blocks;
  if (blocks.length === 1 && only!.startsWith('<p>')) return only!.slice(3, -4);
  return blocks.join('');
}

function listKind(line: string): 'ul' | 'ol' | null {
  if (bullet.test(line) && !/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) return 'ul';
  return numbered.test(line) ? 'ol' : null;
}

function listItemText(line: string): string {
  return (bullet.exec(line) ?? numbered.exec(line))![1]!;
}

const safeUrl = /^(?:https?:\/\/|mailto:)[^\s"<>]*$/i;

/** Inline Markdown on one line of text: code, links, autolinks, strong, emphasis, strikethrough. */
function inline(text: string): string {
  const kept: string[] = [];
  const keep = (html: string) => `\uE000${kept.push(html) - 1}\uE000`;
  let out = text.replace(/\uE000/g, '');
  out = out.replace(/`([^`\n]+)`/g, (_m, code: string) => keep(`<code>${escapeHtml(code)}</code>`));
  // [text](url) and [text](url "title"): the title has no place in the allowlist and is dropped.
  out = out.replace(
    /\[([^\]\n]{0,500})\]\(\s*<?([^\s()<>]{1,2000})>?(?:\s+(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'))?\s*\)/g,
    (match, label: string, url: string) =>
      safeUrl.test(url)
        ? keep(`<a href="${escapeAttribute(url)}">${escapeHtml(label)}</a>`)
        : match,
  );
  out = out.replace(/<((?:https?:\/\/|mailto:)[^\s<>"]{1,2000})>/gi, (_m, url: string) =>
    keep(`<a href="${escapeAttribute(url)}">${escapeHtml(url)}</a>`),
  );
  out = escapeHtml(out)
    .replace(
      /\*\*([^*\n]+)\*\*|__([^_\n]+)__/g,
      (_m, a?: string, b?: string) => `<strong>${a ?? b}</strong>`,
    )
    .replace(/(^|[^*\w])\*([^*\s][^*\n]*)\*(?![*\w])/g, '$1<em>$2</em>')
    .replace(/(^|[^_\w])_([^_\s][^_\n]*)_(?![_\w])/g, '$1<em>$2</em>')
    .replace(/~~([^~\n]+)~~/g, '$1');
  return out.replace(/\uE000(\d+)\uE000/g, (_m, index: string) => kept[Number(index)] ?? '');
}

function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/"/g, '&quot;');
}
