// GET /deliveries: recent notification deliveries per target, with status, attempts and the last
// error (stored redacted), and each target's state with the reason it is disabled or quarantined.
import type { FC } from 'hono/jsx';
import {
  outboxStatuses,
  type DeliveryView,
  type NotifyTargetRecord,
} from '../../../store/index.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { DeliveryTable, TargetTable, deliveryStatusLabels } from './delivery-tables.js';

interface DeliveriesPageProps {
  targets: readonly NotifyTargetRecord[];
  deliveries: readonly DeliveryView[];
  target: string | null;
  status: string | null;
  /** A vendor's display name (the config's, else the store's). */
  vendorName: (event: DeliveryView['event']) => string;
  now: string;
  assets: AssetUrls;
}

/** No target at all: say where targets come from, since nothing can be delivered without one. */
const NoTargets: FC = () => (
  <div class="empty-state" data-testid="no-targets">
    <p>
      <strong>No notification target yet</strong>, so nothing is delivered. Add one in either of two
      ways:
    </p>
    <ul>
      <li>
        In the config file, under <code>notifications:</code> — a name, a <code>type</code>{' '}
        (webhook, slack, discord, teams, email, pagerduty, ntfy) and its address — then restart.
      </li>
      <li>
        At run time, with <code>VENDORWATCH_ADMIN_TOKEN</code> set:{' '}
        <code>POST /api/v1/targets</code> with the same fields as JSON, e.g.{' '}
        <code>{`curl -X POST /api/v1/targets -H "Authorization: Bearer $VENDORWATCH_ADMIN_TOKEN" -H 'content-type: application/json' -d '{"name":"ops","type":"webhook","url":"https://…"}'`}</code>
        .
      </li>
    </ul>
    <p>
      Then <code>vendorwatch notify test NAME</code> sends it a sample message.
    </p>
  </div>
);

function filterHref(status: string | null, target: string | null): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (target) params.set('target', target);
  const search = params.toString();
  return search ? `/deliveries?${search}` : '/deliveries';
}

/** Status filters as a list of links: the current one is marked, none leads with a separator. */
const StatusFilter: FC<{ status: string | null; target: string | null }> = ({ status, target }) => (
  <nav class="filter-links" aria-label="Deliveries by status">
    <ul>
      <li>
        <a href={filterHref(null, target)} aria-current={status === null ? 'page' : undefined}>
          All statuses
        </a>
      </li>
      {outboxStatuses.map((value) => (
        <li>
          <a href={filterHref(value, target)} aria-current={status === value ? 'page' : undefined}>
            {deliveryStatusLabels[value]}
          </a>
        </li>
      ))}
      {target && (
        <li>
          <a href={filterHref(status, null)}>All targets</a>
        </li>
      )}
    </ul>
  </nav>
);

export const DeliveriesPage: FC<DeliveriesPageProps> = (props) => {
  const filtered = props.target !== null || props.status !== null;
  return (
    <Layout title="Notification deliveries" assets={props.assets} current="deliveries">
      <h1>Notification deliveries</h1>
      <h2>Targets</h2>
      {props.targets.length === 0 ? (
        <NoTargets />
      ) : (
        <TargetTable targets={props.targets} now={props.now} />
      )}
      <h2>
        Recent deliveries{props.target ? ` to ${props.target}` : ''}
        {props.status ? ` (${props.status})` : ''}
      </h2>
      {(props.targets.length > 0 || filtered) && (
        <StatusFilter status={props.status} target={props.target} />
      )}
      {props.deliveries.length > 0 ? (
        <DeliveryTable deliveries={props.deliveries} vendorName={props.vendorName} />
      ) : filtered ? (
        <p class="empty-state">
          No delivery matches these filters. <a href="/deliveries">Show every delivery</a>.
        </p>
      ) : (
        <p class="empty-state">
          No deliveries yet. A delivery is recorded when an event matches a target's filters
          (vendors, components, minimum impact, event types);{' '}
          <code>vendorwatch notify test NAME</code> sends a sample now.
        </p>
      )}
    </Layout>
  );
};
