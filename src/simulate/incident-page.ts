// A bare HTML page at /incidents/<id>, where Statuspage shortlinks and `page.url` links lead, so
// "view vendor source" links in the offline demo land somewhere. Vendor text is escaped.
import type { FleetVendor } from './fleet.js';
import { formatInstant } from '../adapters/sim-kit/time-format.js';
import type { SimIncident } from '../adapters/sim-kit/types.js';

const incidentPath = /^\/incidents\/([A-Za-z0-9_-]{1,64})$/;

export function incidentIdOfPath(path: string): string | null {
  return incidentPath.exec(path)?.[1] ?? null;
}

/** The vendor's own incident or maintenance, or, without a vendor, the first vendor holding it. */
export function findIncident(
  vendors: readonly FleetVendor[],
  id: string,
): { vendor: FleetVendor; incident: SimIncident } | null {
  for (const vendor of vendors) {
    const { incidents, maintenances } = vendor.state;
    const incident = incidents.find((i) => i.id === id) ?? maintenances.find((m) => m.id === id);
    if (incident) return { vendor, incident };
  }
  return null;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

export function renderIncidentPage(vendor: FleetVendor, incident: SimIncident): string {
  const zone = vendor.identity.timeZone;
  const updates = [...incident.updates]
    .reverse()
    .map(
      (u) =>
        `<li><strong>${escapeHtml(u.status)}</strong> <time>${formatInstant(u.displayAt, zone)}</time>` +
        `<p>${escapeHtml(u.body)}</p></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(incident.name)} · ${escapeHtml(vendor.identity.name)}</title></head>
<body><h1>${escapeHtml(incident.name)}</h1>
<p>${escapeHtml(vendor.identity.name)} · ${escapeHtml(incident.status)} · impact ${escapeHtml(incident.impact)}</p>
<ol>
${updates}
</ol>
<p>Served by the vendorwatch simulator.</p></body></html>
`;
}
