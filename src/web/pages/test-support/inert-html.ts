// Walks a rendered page (htmlparser2, as a browser would tokenize it) and lists everything that
// could run script or leave the page: any element, attribute or URL outside what our own
// templates emit. An empty list means the page is inert whatever the vendor wrote.
import { DomUtils, parseDocument } from 'htmlparser2';

const forbiddenElements = new Set([
  'iframe',
  'frame',
  'object',
  'embed',
  'base',
  'svg',
  'math',
  'style',
  'template',
  'applet',
  'portal',
]);
const urlAttributes = ['href', 'src', 'action', 'formaction', 'srcdoc', 'xlink:href', 'data'];
/** Relative paths, fragments, the empty data: favicon, and absolute http(s)/mailto. */
const safeUrl = /^(?:\/(?!\/)|#|\?|$|data:,$|https?:\/\/[^\s]|mailto:)/i;

export function findActiveContent(html: string, ownScript: string): string[] {
  const document = parseDocument(html);
  const problems: string[] = [];
  const elements = DomUtils.findAll(() => true, document.children);
  for (const element of elements) {
    const name = element.name.toLowerCase();
    if (forbiddenElements.has(name)) problems.push(`<${name}> element`);
    if (name === 'meta' && element.attribs['http-equiv'] !== undefined) {
      problems.push('<meta http-equiv>');
    }
    if (name === 'script' && (element.attribs.src !== ownScript || element.children.length > 0)) {
      problems.push(
        `script ${JSON.stringify(element.attribs.src ?? DomUtils.textContent(element))}`,
      );
    }
    if (name === 'form' && !['/', '/incidents'].includes(element.attribs.action ?? '')) {
      problems.push(`form posting to ${JSON.stringify(element.attribs.action)}`);
    }
    for (const [attribute, value] of Object.entries(element.attribs)) {
      if (/^on/i.test(attribute)) problems.push(`${name}[${attribute}]`);
      if (attribute.toLowerCase() === 'style') problems.push(`${name}[style]`);
      if (urlAttributes.includes(attribute.toLowerCase()) && !safeUrl.test(value.trim())) {
        problems.push(`${name}[${attribute}=${JSON.stringify(value)}]`);
      }
    }
  }
  return problems;
}

export function visibleText(html: string): string {
  const document = parseDocument(html);
  const body = DomUtils.findOne((element) => element.name === 'body', document.children);
  return DomUtils.textContent(body ?? document).replace(/\s+/g, ' ');
}
