// /manage/audit: who changed what and when, newest first, 50 a page.
import type { FC } from 'hono/jsx';
import type { AuditEntry } from '../../../store/index.js';
import { ManageNav } from '../shared/manage-nav.js';
import { Layout, type AssetUrls } from '../shared/layout.js';

export interface AuditPageProps {
  assets: AssetUrls;
  entries: AuditEntry[];
  /** The link to older entries, or null on the last page. */
  older: string | null;
  paged: boolean;
}

function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export const AuditPage: FC<AuditPageProps> = (props) => (
  <Layout title="Audit log" assets={props.assets} current="manage">
    <h1>Audit log</h1>
    <ManageNav current="audit" />
    {props.entries.length === 0 ? (
      <p class="empty-state">
        {props.paged ? (
          <>
            No older entries. <a href="/manage/audit">Back to the newest</a>.
          </>
        ) : (
          'Nothing recorded yet. Sign-ins, failed sign-ins, user changes and targets added or removed through the API appear here.'
        )}
      </p>
    ) : (
      <table class="stack-table audit-table">
        <caption class="visually-hidden">Audit log entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Who</th>
            <th scope="col">When (UTC)</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr>
              <td class="lead-cell">
                <strong>{entry.action}</strong>
                {entry.subject && <> {entry.subject}</>}
              </td>
              <td data-label="Who">{entry.actor}</td>
              <td data-label="When">
                <time datetime={entry.at}>{entry.at.slice(0, 19).replace('T', ' ')}</time>
              </td>
              <td data-label="Details">
                {[detailText(entry.detail), entry.address ? `from ${entry.address}` : '']
                  .filter(Boolean)
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    {props.older && (
      <p>
        <a href={props.older}>Older entries</a>
      </p>
    )}
  </Layout>
);
