// One component's bar and its caption: the count of "days with problems" is the count of bars
// that are neither green nor grey, so the words never disagree with the colours.
import { describe, expect, it } from 'vitest';
import type { Component } from '../../../domain/model.js';
import { visibleText } from '../test-support/inert-html.js';
import { ComponentGroups } from './component-bars.js';
import type { DayCell } from './daily-bars.js';

const api: Component = { id: 'api', name: 'API', group: null, status: 'operational', position: 0 };
const notice = { id: 'acme-1', title: 'Notice only', impact: 'notice' as const };

async function render(cells: DayCell[]) {
  const node = <ComponentGroups components={[api]} bars={new Map([['api', cells]])} />;
  // A hono/jsx node renders on toString(), as pages/shared/html.ts does.
  const html = await Promise.resolve(node).then((rendered) => String(rendered));
  const coloured = html.match(/<span class="day-(?!operational|nodata)[a-z_]+" title=/g) ?? [];
  return { text: visibleText(html), coloured: coloured.length };
}

describe('a component bar', () => {
  it('counts as days with problems exactly the bars that show one', async () => {
    const { text, coloured } = await render([
      { date: '2025-09-08', level: 'nodata', incidents: [] },
      // A notice the vendor posted on a day its components stayed operational: green, listed in
      // the day's tooltip, not a day with problems.
      { date: '2025-09-09', level: 'operational', incidents: [notice] },
      { date: '2025-09-10', level: 'partial_outage', incidents: [] },
    ]);
    expect(coloured).toBe(1);
    expect(text).toContain('1 day with problems');
    expect(text).toContain('Sep 10, 2025: Partial outage');
  });

  it('says no problems recorded when every bar is green or grey', async () => {
    const { text, coloured } = await render([
      { date: '2025-09-09', level: 'nodata', incidents: [] },
      { date: '2025-09-10', level: 'operational', incidents: [notice] },
    ]);
    expect(coloured).toBe(0);
    expect(text).toContain('No problems recorded');
  });
});
