// AWS serves currentevents as UTF-16 (docs/platforms.md#aws). The fetcher decodes it when a BOM is
// present; without one, the text arrives with a NUL after every ASCII character. This repairs
// that case (ASCII survives; anything else was already lost to U+FFFD).

const nul = String.fromCharCode(0);

interface RepairedBody {
  text: string;
  repaired: boolean;
}

export function repairUtf16Body(body: string): RepairedBody {
  const head = body.slice(0, 64);
  if (!head.includes(nul)) return { text: body, repaired: false };
  const text = body
    .split(nul)
    .join('')
    .replace(/^(?:\uFEFF|\uFFFD{1,2}|\u00FF\u00FE|\u00FE\u00FF)/, '');
  return { text, repaired: true };
}
