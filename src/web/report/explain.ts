// How each report-card figure is computed, in words: the API returns these and the page shows them.
import type { ComparedFigure } from '../../domain/report-card.js';

export const reportMethods = {
  incidents:
    'Incidents that started in the window, by impact; maintenances are not incidents and are not counted.',
  resolveMedian:
    'Median of start → resolution over the resolved incidents of the window (for an even count, the mean of the two middle ones).',
  resolveP90:
    'The 90th percentile of start → resolution by nearest rank: 90% of resolved incidents took this long or less.',
  postmortemShare:
    'Resolved incidents with an update in the postmortem phase, as a share of all resolved incidents.',
  postmortemDays:
    "Median days from an incident's resolution to its first postmortem update, over those that have one.",
  cadence:
    'Median gap between consecutive updates up to the resolution (the postmortem aside), pooled over every incident.',
  flags:
    'Incidents of the window that carried each hygiene flag (stuck, backdated, downgraded, rewritten, ' +
    'silent resolution, no components, postmortem missing) at any time, set against the median ' +
    'count of every watched vendor; fewer is better.',
  comparison:
    "Each figure is set against the median of every watched vendor's figure over the same window; " +
    '"worse than most" means more than half of the other vendors with a value did strictly better.',
} as const satisfies Record<ComparedFigure | 'incidents' | 'flags' | 'comparison', string>;
