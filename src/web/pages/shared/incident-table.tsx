// A list of incidents as a table (one card per row on phones), shared by the vendor page's
// history and /incidents. The title comes first, so a phone's card leads with what happened.
// Paging is by the store's keyset cursor: "older" links carry it.
import type { FC } from 'hono/jsx';
import { formatDuration } from '../../../domain/duration.js';
import type { FlagKind } from '../../../domain/hygiene-flags.js';
import type { Incident } from '../../../domain/model.js';
import { secondsBetween } from '../../../domain/time.js';
import { flagLabels } from './format.js';
import { ImpactBadge, PhaseBadge, Time } from './parts.js';

interface IncidentTableProps {
  incidents: readonly Incident[];
  now: string;
  /** Vendor names by slug, when the list spans vendors; omit for one vendor's history. */
  vendorNames?: ReadonlyMap<string, string>;
  caption: string;
  /** Hygiene flags holding now, by incident id: a small badge each beside the title. */
  holdingFlags?: ReadonlyMap<string, readonly FlagKind[]>;
}

export const IncidentTable: FC<IncidentTableProps> = ({
  incidents,
  now,
  vendorNames,
  caption,
  holdingFlags,
}) => (
  <div class="table-wrap">
    <table class="stack-table incident-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Incident</th>
          {vendorNames && <th scope="col">Vendor</th>}
          <th scope="col">Impact</th>
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <tr data-incident-id={incident.id}>
            <td class="lead-cell">
              <a href={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</a>
              {(holdingFlags?.get(incident.id) ?? []).map((kind) => (
                <>
                  {' '}
                  <span class="badge flag-badge" data-flag={kind}>
                    {flagLabels[kind]}
                  </span>
                </>
              ))}
            </td>
            {vendorNames && (
              <td data-label="Vendor">
                <a href={`/vendors/${encodeURIComponent(incident.vendorSlug)}`}>
                  {vendorNames.get(incident.vendorSlug) ?? incident.vendorSlug}
                </a>
              </td>
            )}
            <td data-label="Impact">
              <ImpactBadge impact={incident.impact} />
            </td>
            <td data-label="Status">
              <PhaseBadge phase={incident.phase} />
            </td>
            <td data-label="Started">
              <Time at={incident.startedAt} />
            </td>
            <td data-label="Duration" class="num">
              {formatDuration(secondsBetween(incident.startedAt, incident.resolvedAt ?? now))}
              {!incident.resolvedAt && ' so far'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

interface PagerProps {
  /** The current URL's path and query without cursor, e.g. `/incidents?impact=major`. */
  base: string;
  nextCursor: string | null;
  /** True when this page is not the first one. */
  paged: boolean;
  label: string;
}

export const Pager: FC<PagerProps> = ({ base, nextCursor, paged, label }) => {
  if (!nextCursor && !paged) return null;
  const joiner = base.includes('?') ? '&' : '?';
  return (
    <nav class="pager" aria-label={label}>
      {paged && <a href={base}>« Newest</a>}
      {nextCursor && (
        <a href={`${base}${joiner}cursor=${encodeURIComponent(nextCursor)}`} rel="next">
          Older »
        </a>
      )}
    </nav>
  );
};
