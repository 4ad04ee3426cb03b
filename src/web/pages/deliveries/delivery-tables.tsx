// The two lists of /deliveries: targets with their state, and deliveries naming the incident
// and vendor they were about. Tables on wide screens, one card per row on phones (stack-table).
import type { FC } from 'hono/jsx';
import type { DeliveryView, NotifyTargetRecord, OutboxStatus } from '../../../store/index.js';
import { eventLabels } from '../shared/format.js';
import { Ago, Time } from '../shared/parts.js';

export const deliveryStatusLabels: Record<OutboxStatus, string> = {
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
};

const targetStateLabels: Record<NotifyTargetRecord['state'], string> = {
  active: 'Active',
  disabled: 'Disabled',
  quarantined: 'Quarantined',
};

export const TargetTable: FC<{ targets: readonly NotifyTargetRecord[]; now: string }> = ({
  targets,
  now,
}) => (
  <div class="table-wrap">
    <table class="stack-table delivery-list target-table">
      <caption class="visually-hidden">Notification targets</caption>
      <thead>
        <tr>
          <th scope="col">Target</th>
          <th scope="col">Type</th>
          <th scope="col">State</th>
          <th scope="col">Last success</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((target) => {
          const why = target.reason ?? (target.failures > 0 ? target.lastError : null);
          return (
            <tr data-target={target.name}>
              <td class="lead-cell">
                <a href={`/deliveries?target=${encodeURIComponent(target.name)}`}>{target.name}</a>
              </td>
              <td data-label="Type">{target.type}</td>
              <td data-label="State">
                <span class={`badge target-${target.state}`}>
                  {targetStateLabels[target.state]}
                </span>
              </td>
              <td data-label="Last success">
                {target.lastSuccessAt ? <Ago at={target.lastSuccessAt} now={now} /> : 'never'}
              </td>
              {why ? (
                <td data-label="Why" class="error-cell">
                  {why}
                </td>
              ) : (
                <td class="empty-cell"></td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);

/** What a delivery was about: the incident's title, or the vendor for vendor-wide events. */
const Subject: FC<{ event: DeliveryView['event']; vendorName: string }> = ({
  event,
  vendorName,
}) => {
  const vendorLink = <a href={`/vendors/${encodeURIComponent(event.vendorSlug)}`}>{vendorName}</a>;
  if (!event.incidentId) return <strong>{vendorLink}</strong>;
  return (
    <>
      <strong>
        <a href={`/incidents/${encodeURIComponent(event.incidentId)}`}>
          {event.incidentTitle ?? event.incidentId}
        </a>
      </strong>
      <span class="note subject-vendor">{vendorLink}</span>
    </>
  );
};

interface DeliveryTableProps {
  deliveries: readonly DeliveryView[];
  /** A vendor's display name (the config's, else the store's). */
  vendorName: (event: DeliveryView['event']) => string;
}

export const DeliveryTable: FC<DeliveryTableProps> = ({ deliveries, vendorName }) => (
  <div class="table-wrap">
    <table class="stack-table delivery-list delivery-table">
      <caption class="visually-hidden">Recent deliveries, newest first</caption>
      <thead>
        <tr>
          <th scope="col">About</th>
          <th scope="col">Event</th>
          <th scope="col">Target</th>
          <th scope="col">Status</th>
          <th scope="col">Recorded</th>
          <th scope="col">Last error or note</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr data-delivery={delivery.deliveryKey}>
            <td class="lead-cell">
              <Subject event={delivery.event} vendorName={vendorName(delivery.event)} />
            </td>
            <td data-label="Event">
              {delivery.kind === 'reminder' ? 'Reminder: ' : ''}
              {eventLabels[delivery.event.type] ?? delivery.event.type}
            </td>
            <td data-label="Target">
              <a href={`/deliveries?target=${encodeURIComponent(delivery.target)}`}>
                {delivery.target}
              </a>
            </td>
            <td data-label="Status">
              <span class={`badge delivery-${delivery.status}`}>
                {deliveryStatusLabels[delivery.status]}
              </span>{' '}
              <span class="note">
                {delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`}
              </span>
            </td>
            <td data-label="Recorded">
              <Time at={delivery.createdAt} />
            </td>
            {delivery.lastError ? (
              <td data-label="Last error" class="error-cell">
                {delivery.lastError}
              </td>
            ) : (
              <td class="empty-cell"></td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
