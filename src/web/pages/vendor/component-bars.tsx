// Components grouped as the vendor groups them, each with its status and its 90-day bar. A bar
// is colour plus words: a text summary for screen readers, a tooltip per day, and a list of the
// days with problems behind a disclosure, reachable by keyboard.
import type { FC } from 'hono/jsx';
import type { Component } from '../../../domain/model.js';
import { formatDay, plural, statusLabels } from '../shared/format.js';
import { StatusBadge } from '../shared/parts.js';
import type { DayCell, DayLevel } from './daily-bars.js';

const levelWords: Record<DayLevel, string> = { ...statusLabels, nodata: 'No data' };
const legendOrder: DayLevel[] = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
  'nodata',
];

function dayTitle(cell: DayCell): string {
  const titles = cell.incidents.map((incident) => incident.title);
  const about = titles.length > 0 ? ` — ${titles.join('; ')}` : '';
  return `${formatDay(cell.date)}: ${levelWords[cell.level]}${about}`;
}

/** A bar that is neither green nor grey: the count of days with problems is the count of these. */
export function isProblem(cell: DayCell): boolean {
  return cell.level !== 'operational' && cell.level !== 'nodata';
}

function barSummary(cells: readonly DayCell[]): string {
  const counts = new Map<DayLevel, number>();
  for (const cell of cells) counts.set(cell.level, (counts.get(cell.level) ?? 0) + 1);
  const parts = legendOrder
    .filter((level) => counts.has(level))
    .map((level) => `${plural(counts.get(level)!, 'day')} ${levelWords[level].toLowerCase()}`);
  return `Last ${cells.length} days: ${parts.join(', ')}`;
}

const ComponentBar: FC<{
  component: Component;
  cells: readonly DayCell[];
  linkIncidents: boolean;
}> = ({ component, cells, linkIncidents }) => {
  const problems = cells.filter(isProblem);
  return (
    <li class="component" data-component={component.id}>
      <div class="component-head">
        <strong class="component-name">{component.name}</strong>
        <StatusBadge status={component.status} />
      </div>
      <div class="bars" role="img" aria-label={`${component.name}. ${barSummary(cells)}`}>
        {cells.map((cell) => (
          <span class={`day-${cell.level}`} title={dayTitle(cell)}></span>
        ))}
      </div>
      <div class="bar-caption">
        <span>{cells.length} days ago</span>
        {problems.length === 0 ? (
          <span>No problems recorded</span>
        ) : (
          <details>
            <summary>{plural(problems.length, 'day')} with problems</summary>
            <ul>
              {problems.map((cell) => (
                <li>
                  {formatDay(cell.date)}: {levelWords[cell.level]}
                  {cell.incidents.map((incident) => (
                    <>
                      {' — '}
                      {linkIncidents ? (
                        <a href={`/incidents/${encodeURIComponent(incident.id)}`}>
                          {incident.title}
                        </a>
                      ) : (
                        incident.title
                      )}
                    </>
                  ))}
                </li>
              ))}
            </ul>
          </details>
        )}
        <span>Today</span>
      </div>
    </li>
  );
};

interface ComponentGroupsProps {
  components: readonly Component[];
  bars: ReadonlyMap<string, DayCell[]>;
  /** Days name their incidents with links to vendorwatch's pages (not on a public status page). */
  linkIncidents?: boolean;
  /** The colour legend (a page with several lists shows it once). */
  legend?: boolean;
  /** The heading level of group names (3 under the vendor page's h2). */
  groupHeading?: 3 | 4;
}

/** The bar colours, in words. */
export const BarLegend: FC = () => (
  <ul class="legend" aria-label="Bar colours">
    {legendOrder.map((level) => (
      <li>
        <span class={`day-${level}`}></span>
        {levelWords[level]}
      </li>
    ))}
  </ul>
);

export const ComponentGroups: FC<ComponentGroupsProps> = ({
  components,
  bars,
  linkIncidents = true,
  legend = true,
  groupHeading = 3,
}) => {
  const groups = new Map<string, Component[]>();
  for (const component of components) {
    const key = component.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), component]);
  }
  return (
    <>
      {legend && <BarLegend />}
      {[...groups].map(([group, members]) => (
        <section class="component-group" aria-label={group || 'Other components'}>
          {(group || groups.size > 1) &&
            (groupHeading === 3 ? (
              <h3>{group || 'Other components'}</h3>
            ) : (
              <h4>{group || 'Other components'}</h4>
            ))}
          <ul class="cards component-list">
            {members.map((component) => (
              <ComponentBar
                component={component}
                cells={bars.get(component.id) ?? []}
                linkIncidents={linkIncidents}
              />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
};
