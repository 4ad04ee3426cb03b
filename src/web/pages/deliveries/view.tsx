// GET /deliveries: recent notification deliveries per target, with status, attempts and the last
// error (stored redacted), and each target's state with the reason it is disabled or quarantined.
import type { FC } from 'hono/jsx';
import {
  outboxStatuses,
  type DeliveryView,
  type NotifyTargetRecord,
} from '../../../store/index.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { Ago, Time } from '../shared/parts.js';

interface DeliveriesPageProps {
  targets: readonly NotifyTargetRecord[];
  deliveries: readonly DeliveryView[];
  target: string | null;
  status: string | null;
  now: string;
  assets: AssetUrls;
}

const TargetTable: FC<{ targets: readonly NotifyTargetRecord[]; now: string }> = ({
  targets,
  now,
}) => (
  <table>
    <thead>
      <tr>
        <th scope="col">Target</th>
        <th scope="col">Type</th>
        <th scope="col">State</th>
        <th scope="col">Why</th>
        <th scope="col">Last success</th>
      </tr>
    </thead>
    <tbody>
      {targets.map((target) => (
        <tr>
          <td>
            <a href={`/deliveries?target=${encodeURIComponent(target.name)}`}>{target.name}</a>
          </td>
          <td>{target.type}</td>
          <td>{target.state}</td>
          <td>{target.reason ?? (target.failures > 0 ? target.lastError : '') ?? ''}</td>
          <td>{target.lastSuccessAt ? <Ago at={target.lastSuccessAt} now={now} /> : 'never'}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

const DeliveryTable: FC<{ deliveries: readonly DeliveryView[] }> = ({ deliveries }) => (
  <table>
    <thead>
      <tr>
        <th scope="col">Recorded</th>
        <th scope="col">Target</th>
        <th scope="col">Event</th>
        <th scope="col">Status</th>
        <th scope="col">Attempts</th>
        <th scope="col">Last error or note</th>
      </tr>
    </thead>
    <tbody>
      {deliveries.map((delivery) => (
        <tr>
          <td>
            <Time at={delivery.createdAt} />
          </td>
          <td>{delivery.target}</td>
          <td>
            {delivery.kind === 'reminder' ? 'reminder of ' : ''}
            {delivery.event.type}{' '}
            {delivery.event.incidentId ? (
              <a href={`/incidents/${encodeURIComponent(delivery.event.incidentId)}`}>
                {delivery.event.incidentId}
              </a>
            ) : (
              delivery.event.vendorSlug
            )}
          </td>
          <td>{delivery.status}</td>
          <td>{delivery.attempts}</td>
          <td>{delivery.lastError ?? ''}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const DeliveriesPage: FC<DeliveriesPageProps> = (props) => (
  <Layout title="Notification deliveries" assets={props.assets} current="deliveries">
    <h1>Notification deliveries</h1>
    <h2>Targets</h2>
    {props.targets.length === 0 ? (
      <p>No notification target has been configured yet.</p>
    ) : (
      <TargetTable targets={props.targets} now={props.now} />
    )}
    <h2>
      Recent deliveries{props.target ? ` to ${props.target}` : ''}
      {props.status ? ` (${props.status})` : ''}
    </h2>
    <p>
      {(props.target || props.status) && <a href="/deliveries">All deliveries</a>}
      {outboxStatuses.map((status) => (
        <>
          {' · '}
          <a
            href={`/deliveries?status=${status}${props.target ? `&target=${encodeURIComponent(props.target)}` : ''}`}
          >
            {status}
          </a>
        </>
      ))}
    </p>
    {props.deliveries.length === 0 ? (
      <p>No deliveries yet.</p>
    ) : (
      <DeliveryTable deliveries={props.deliveries} />
    )}
  </Layout>
);
