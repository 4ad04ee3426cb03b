// What a board's public status page and its JSON twin show: each vendor's board components with
// their status and 90-day bars (the vendor page's bars), and the open incidents that touch them
// with the vendor's latest words. Only what a company's customers may read: names, statuses,
// the vendor's own text and links to the vendor's own pages; nothing of vendorwatch's internals.
import type { Kysely } from 'kysely';
import type { Board } from '../../../domain/board.js';
import type { Component } from '../../../domain/model.js';
import { summarizeIncident } from '../../../domain/summary.js';
import { addSeconds } from '../../../domain/time.js';
import type { ComponentStatus, Impact, Phase } from '../../../domain/vocabulary.js';
import {
  findOldestIncidentStart,
  listComponentChanges,
  listUpdatesFor,
  listVendorWindowIncidents,
  type Database,
} from '../../../store/index.js';
import { incidentOnBoard, loadBoardState } from '../../boards/load.js';
import { safeHttpUrl } from '../shared/format.js';
import { dailyBars, windowStart, type DayCell } from '../vendor/daily-bars.js';

export const statusWindowDays = 90;
/** Incidents that started this long before the window may still reach into it. */
const lookbackSeconds = 30 * 86_400;
/** The latest update's text is cut here: the vendor's page has the rest. */
const updateTextLength = 600;

export interface StatusIncident {
  title: string;
  kind: 'incident' | 'maintenance';
  impact: Impact;
  phase: Phase;
  components: string[];
  startedAt: string;
  scheduledFor: string | null;
  /** One sentence: what, since when, affecting what. */
  summary: string;
  /** The vendor's latest update, as plain text (cut), and when it was posted. */
  latest: { text: string; postedAt: string } | null;
  /** The vendor's page for it, else the vendor's status page (always http(s), absolute). */
  link: string | null;
}

export interface StatusVendor {
  slug: string;
  name: string;
  /** The vendor's own status page (http(s) only), null when it is not a web address. */
  statusPageUrl: string | null;
  status: ComponentStatus;
  components: Component[];
  bars: Map<string, DayCell[]>;
  incidents: StatusIncident[];
}

export interface StatusPageData {
  board: Board;
  status: ComponentStatus;
  vendors: StatusVendor[];
  now: string;
}

function cut(text: string): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  return plain.length > updateTextLength ? `${plain.slice(0, updateTextLength - 1)}…` : plain;
}

export async function loadStatusPage(
  db: Kysely<Database>,
  board: Board,
  now: string,
  vendorName?: (slug: string) => string | undefined,
): Promise<StatusPageData> {
  const state = await loadBoardState(db, board, now, vendorName);
  const since = windowStart(now, statusWindowDays);
  const updates = await listUpdatesFor(
    db,
    state.vendors.flatMap((vendor) => vendor.openIncidents.map((incident) => incident.id)),
  );
  const vendors = await Promise.all(
    state.vendors.map(async (vendor): Promise<StatusVendor> => {
      const [windowIncidents, changes, oldestIncidentAt] = await Promise.all([
        listVendorWindowIncidents(db, vendor.slug, addSeconds(since, -lookbackSeconds)),
        listComponentChanges(db, vendor.slug, since),
        findOldestIncidentStart(db, vendor.slug),
      ]);
      const bars = dailyBars({
        components: vendor.components,
        incidents: windowIncidents.filter((incident) => incidentOnBoard(board, incident)),
        changes,
        firstSuccessAt: vendor.firstSuccessAt,
        oldestIncidentAt,
        now,
        days: statusWindowDays,
      });
      const vendorPage = safeHttpUrl(vendor.statusPageUrl);
      return {
        slug: vendor.slug,
        name: vendor.name,
        statusPageUrl: vendorPage,
        status: vendor.status,
        components: vendor.components,
        bars,
        incidents: vendor.openIncidents.map((incident) => {
          const last = updates.get(incident.id)?.at(-1);
          return {
            title: incident.title,
            kind: incident.kind,
            impact: incident.impact,
            phase: incident.phase,
            components: incident.components,
            startedAt: incident.startedAt,
            scheduledFor: incident.scheduledFor,
            summary: summarizeIncident(incident, vendor.name, now),
            latest: last ? { text: cut(last.bodyText), postedAt: last.postedAt } : null,
            link: safeHttpUrl(incident.sourceUrl) ?? vendorPage,
          };
        }),
      };
    }),
  );
  return { board, status: state.status, vendors, now };
}

/** The JSON twin (/status/{slug}.json): the same facts, for a company's own widget. */
export function statusJson(data: StatusPageData): object {
  const { board } = data;
  return {
    board: {
      slug: board.slug,
      name: board.name,
      description: board.description,
      company: board.company,
    },
    status: data.status,
    generatedAt: data.now,
    vendors: data.vendors.map((vendor) => ({
      slug: vendor.slug,
      name: vendor.name,
      statusPageUrl: vendor.statusPageUrl,
      status: vendor.status,
      components: vendor.components.map((component) => ({
        name: component.name,
        group: component.group,
        status: component.status,
        days: (vendor.bars.get(component.id) ?? []).map((cell) => ({
          date: cell.date,
          level: cell.level,
        })),
      })),
      incidents: vendor.incidents,
    })),
  };
}
