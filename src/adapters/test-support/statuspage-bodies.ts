// How each captured Statuspage payload is fed to the adapter (tests only). A capture is one
// endpoint's body; the other endpoints get empty but valid bodies, so each golden shows exactly
// what one capture contributes. `incident.*` captures are one element of incidents.json.
import { readFixture } from './fixtures.js';

export const emptyBodies: Readonly<Record<string, string>> = {
  summary: '{"components":[],"incidents":[],"scheduled_maintenances":[]}',
  incidents: '{"incidents":[]}',
  maintenances: '{"scheduled_maintenances":[]}',
};

export function statuspageBodies(fileName: string): Record<string, string> {
  const text = readFixture('statuspage', fileName);
  if (fileName.startsWith('summary.')) return { ...emptyBodies, summary: text };
  if (fileName.startsWith('incidents.')) return { ...emptyBodies, incidents: text };
  if (fileName.startsWith('incident.'))
    return { ...emptyBodies, incidents: `{"incidents":[${text}]}` };
  if (fileName.startsWith('scheduled-maintenances.')) return { ...emptyBodies, maintenances: text };
  throw new Error(`No endpoint is known for fixture ${fileName}`);
}

/** The page each capture came from, as a user would configure it. */
export function statuspageUrlFor(fileName: string): string {
  const vendor = fileName.split('.')[1] ?? '';
  const known: Readonly<Record<string, string>> = {
    github: 'https://www.githubstatus.com',
    anydesk: 'https://status.anydesk.com',
    claude: 'https://status.claude.com',
    cloudamqp: 'https://status.cloudamqp.com',
    'nyu-testpage': 'https://da70testpage.statuspage.io',
    'atlassian-docs-example': 'https://www.githubstatus.com',
  };
  return known[vendor] ?? 'https://status.example.test';
}
