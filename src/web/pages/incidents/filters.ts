// /incidents filters from a GET form: empty fields mean "any", dates are whole UTC days (the
// until day included). Problems are collected as sentences for the page, never thrown.
import { flagKinds, type FlagKind } from '../../../domain/hygiene-flags.js';
import { impacts, isOneOf, type Impact } from '../../../domain/vocabulary.js';
import type { IncidentQuery } from '../../../store/index.js';
import { cursorPattern, slugPattern } from '../../ids.js';

export interface IncidentFilters {
  vendor: string;
  impact: Impact | '';
  /** '' any, 'true' open only, 'false' closed only. */
  active: '' | 'true' | 'false';
  since: string;
  until: string;
  q: string;
  /** A hygiene flag that holds, or '' for any. */
  flag: FlagKind | '';
}

interface ParsedIncidentFilters {
  filters: IncidentFilters;
  query: IncidentQuery;
  problems: string[];
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const maxSearchLength = 200;

/** Midnight UTC of a YYYY-MM-DD date, or null for anything else (including Feb 31). */
function dayStart(date: string): string | null {
  const match = datePattern.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 10) === date && Number(match[1]) >= 1995 ? iso : null;
}

export function parseIncidentFilters(
  raw: Record<string, string | undefined>,
  limit: number,
): ParsedIncidentFilters {
  const problems: string[] = [];
  const filters: IncidentFilters = {
    vendor: (raw.vendor ?? '').trim(),
    impact: '',
    active: raw.active === 'true' || raw.active === 'false' ? raw.active : '',
    since: (raw.since ?? '').trim(),
    until: (raw.until ?? '').trim(),
    q: (raw.q ?? '').trim().slice(0, maxSearchLength),
    flag: '',
  };
  const query: IncidentQuery = { limit };
  if (filters.vendor) {
    if (slugPattern.test(filters.vendor)) query.vendor = filters.vendor;
    else problems.push('The vendor must be one of the listed vendors.');
  }
  if (raw.impact) {
    if (isOneOf(impacts, raw.impact)) filters.impact = query.impact = raw.impact;
    else problems.push(`The impact must be one of ${impacts.join(', ')}.`);
  }
  if (filters.active) query.active = filters.active === 'true';
  if (raw.flag) {
    if (isOneOf(flagKinds, raw.flag)) filters.flag = query.flag = raw.flag;
    else problems.push(`The flag must be one of ${flagKinds.join(', ')}.`);
  }
  if (filters.since) {
    const since = dayStart(filters.since);
    if (since) query.since = since;
    else problems.push('"From" must be a date like 2025-09-10.');
  }
  if (filters.until) {
    const until = dayStart(filters.until);
    if (until) query.until = new Date(Date.parse(until) + 86_400_000).toISOString();
    else problems.push('"To" must be a date like 2025-09-10.');
  }
  if (query.since && query.until && query.since >= query.until) {
    problems.push('"From" must not be later than "To".');
  }
  if (filters.q) query.q = filters.q;
  if (raw.cursor) {
    if (cursorPattern.test(raw.cursor)) query.cursor = raw.cursor;
    else problems.push('This page link is not valid.');
  }
  return { filters, query, problems };
}

/** The filters as a query string (without the cursor), for links to other pages of the list. */
export function filterSearch(filters: IncidentFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters) as Array<[string, string]>) {
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
