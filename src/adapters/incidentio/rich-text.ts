// The proxy JSON may carry messages as plain strings or as rich-text documents
// ({type:"doc", content:[…]}); both become plain text, with bounded depth and size.

const maxDepth = 20;
const maxLength = 64 * 1024;
const blockTypes = new Set([
  'paragraph',
  'heading',
  'listItem',
  'list_item',
  'bulletList',
  'orderedList',
]);

export function richTextToPlain(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return null;
  const parts: string[] = [];
  collect(value, 0, parts);
  const text = parts
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text === '') return null;
  // Cut visibly, like every stored text (docs/reliability.md#a14), never silently.
  return text.length > maxLength ? `${text.slice(0, maxLength)} […truncated]` : text;
}

function collect(node: unknown, depth: number, parts: string[]): void {
  if (depth > maxDepth || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const child of node as unknown[]) collect(child, depth + 1, parts);
    return;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.text === 'string') parts.push(record.text);
  if (record.type === 'hardBreak' || record.type === 'hard_break') parts.push('\n');
  if (Array.isArray(record.content)) collect(record.content, depth + 1, parts);
  if (typeof record.type === 'string' && blockTypes.has(record.type)) parts.push('\n\n');
}
