// What routing reads from the store before a cycle is recorded: per incident, the targets that
// already have an event delivery about it (sent, waiting or failed), so closing events follow them.
import type { Kysely } from 'kysely';
import type { PlannedEvent } from '../domain/diff.js';
import { chunk, maxInListSize } from './codec.js';
import type { Database } from './schema.js';

export async function loadNotifiedTargets(
  db: Kysely<Database>,
  events: readonly Pick<PlannedEvent, 'incidentId'>[],
): Promise<Map<string, string[]>> {
  const ids = [...new Set(events.flatMap((event) => event.incidentId ?? []))];
  const notified = new Map<string, string[]>();
  for (const batch of chunk(ids, maxInListSize)) {
    const rows = await db
      .selectFrom('outbox')
      .select(['group_key', 'target'])
      .distinct()
      .where('group_key', 'in', batch)
      .where('kind', '=', 'event')
      .execute();
    for (const { group_key: incidentId, target } of rows) {
      if (incidentId === null) continue;
      const targets = notified.get(incidentId) ?? [];
      targets.push(target);
      notified.set(incidentId, targets);
    }
  }
  return notified;
}
