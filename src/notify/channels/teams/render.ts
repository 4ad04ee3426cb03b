// Microsoft Teams through a Workflows webhook ("When a Teams webhook request is received"): a
// message with one Adaptive Card attachment. Card text is Markdown, so vendor text is escaped.
import type { VendorEvent } from '../../../domain/model.js';
import { humanize, messageFacts, type Tone } from '../../message.js';
import { truncate, truncateBackslashed } from '../../text.js';
import type { MessageContext } from '../../types.js';

/** Teams refuses cards over ~28 KB; the text is cut well before that. */
const maxText = 4000;
const maxFact = 500;

type TextBlock = {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: 'Small' | 'Medium' | 'Large';
  weight?: 'Bolder';
  color?: 'Attention' | 'Warning' | 'Good' | 'Accent' | 'Default';
  isSubtle?: boolean;
};
type FactSet = { type: 'FactSet'; facts: Array<{ title: string; value: string }> };

interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: '1.4';
  body: Array<TextBlock | FactSet>;
  actions: Array<{ type: 'Action.OpenUrl'; title: string; url: string }>;
  msteams: { width: 'Full' };
}

export interface TeamsMessage {
  type: 'message';
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive';
      contentUrl: null;
      content: AdaptiveCard;
    },
  ];
}

const colors: Record<Tone, TextBlock['color']> = {
  critical: 'Attention',
  major: 'Attention',
  minor: 'Warning',
  info: 'Accent',
  maintenance: 'Accent',
  ok: 'Good',
};

/** Backslash-escapes the Markdown that cards render (emphasis, links, lists, headings). */
export function escapeTeams(text: string): string {
  return text
    .replace(/[\\*_[\]()`#>~]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([-+]|\d+\.)(\s)/gm, '$1\\$2$3');
}

function fit(text: string, max: number): string {
  return truncateBackslashed(escapeTeams(text), max);
}

export function renderTeams(event: VendorEvent, context: MessageContext): TeamsMessage {
  const facts = messageFacts(event, context);
  const details: Array<{ title: string; value: string }> = [
    { title: 'Vendor', value: fit(facts.vendor.name, maxFact) },
  ];
  if (facts.impact) details.push({ title: 'Impact', value: facts.impact });
  if (facts.phase) details.push({ title: 'Phase', value: humanize(facts.phase) });
  if (facts.components.length > 0) {
    details.push({ title: 'Components', value: fit(facts.components.join(', '), maxFact) });
  }
  if (facts.window) details.push({ title: 'Window (UTC)', value: facts.window });
  const body: AdaptiveCard['body'] = [
    {
      type: 'TextBlock',
      text: fit(facts.label, 200),
      wrap: true,
      size: 'Small',
      weight: 'Bolder',
      color: colors[facts.tone],
    },
    {
      type: 'TextBlock',
      text: fit(facts.headline, 400),
      wrap: true,
      size: 'Medium',
      weight: 'Bolder',
    },
    { type: 'FactSet', facts: details },
  ];
  if (facts.text) body.push({ type: 'TextBlock', text: fit(facts.text, maxText), wrap: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          actions: facts.links.map((link) => ({
            type: 'Action.OpenUrl',
            title: truncate(link.label, 100),
            url: link.url,
          })),
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}
