// The admin API's notification targets, composed: the config file's rules check a new target, the
// address guard checks where it sends, the store keeps it, and the running notifier reloads.
import type { Kysely } from 'kysely';
import { parseNotificationTarget, unknownBoardRefusal, type AppConfig } from '../config/load.js';
import { destinationRefusal } from '../notify/destination.js';
import { describeDestination, targetFingerprint } from '../notify/targets.js';
import type { NotifyTarget } from '../notify/types.js';
import { addressPolicy, loadTargets, notifyTargets } from './notifier.js';
import {
  deleteApiTarget,
  getNotifyTarget,
  insertApiTarget,
  listNotifyTargets,
  type Database,
  type NotifyTargetRecord,
} from '../store/index.js';
import type { WebTargetAdmin, WebTargetView } from '../web/api/targets.js';

interface TargetAdminDeps {
  config: Pick<AppConfig, 'notifications' | 'network'> & Partial<Pick<AppConfig, 'boards'>>;
  db: Kysely<Database>;
  now: () => string;
  /** Called after a target was added or removed (the notifier in this process reloads). */
  onChanged?: () => Promise<void>;
}

function view(target: NotifyTarget, stored: NotifyTargetRecord | undefined): WebTargetView {
  return {
    name: target.name,
    type: target.type,
    origin: stored?.origin ?? 'config',
    destination: describeDestination(target),
    vendors: target.vendors ? [...target.vendors] : null,
    boards: target.boards ? [...target.boards] : null,
    components: target.components
      ? Object.fromEntries(Object.entries(target.components).map(([k, v]) => [k, [...v]]))
      : null,
    minImpact: target.minImpact ?? null,
    events: target.events ? [...target.events] : null,
    state: stored?.state ?? 'active',
    reason: stored?.reason ?? null,
    failures: stored?.failures ?? 0,
    lastError: stored?.lastError ?? null,
    lastSuccessAt: stored?.lastSuccessAt ?? null,
  };
}

export function createTargetAdmin(deps: TargetAdminDeps): WebTargetAdmin {
  const { config, db } = deps;
  const policy = addressPolicy(config.network);
  const configuredNames = new Set(notifyTargets(config).map((target) => target.name));

  async function list(): Promise<WebTargetView[]> {
    const [targets, stored] = await Promise.all([loadTargets(config, db), listNotifyTargets(db)]);
    const byName = new Map(stored.map((record) => [record.name, record]));
    return targets
      .map((target) => view(target, byName.get(target.name)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  return {
    list,
    async add(body) {
      const parsed = parseNotificationTarget(body);
      if (!parsed.ok)
        return { ok: false, status: 400, code: 'invalid_body', message: parsed.error };
      const target: NotifyTarget = parsed.target;
      const boardRefusal = unknownBoardRefusal(
        target,
        (config.boards ?? []).map((board) => board.slug),
      );
      if (boardRefusal !== null) {
        return { ok: false, status: 400, code: 'invalid_body', message: `boards: ${boardRefusal}` };
      }
      if (configuredNames.has(target.name)) {
        const message = `the config file already defines a target "${target.name}"`;
        return { ok: false, status: 409, code: 'conflict', message };
      }
      const refusal = await destinationRefusal(target, policy);
      if (refusal !== null)
        return { ok: false, status: 422, code: 'url_refused', message: refusal };
      const inserted = await insertApiTarget(
        db,
        {
          name: target.name,
          type: target.type,
          fingerprint: targetFingerprint(target),
          definition: JSON.stringify(target),
        },
        deps.now(),
        configuredNames,
      );
      if (inserted !== 'created') {
        const message =
          inserted === 'configured'
            ? `the config file already defines a target "${target.name}"`
            : `a target "${target.name}" already exists; remove it first or choose another name`;
        return { ok: false, status: 409, code: 'conflict', message };
      }
      await deps.onChanged?.();
      const stored = await getNotifyTarget(db, target.name);
      return { ok: true, target: view(target, stored ?? undefined) };
    },
    async remove(name) {
      const removal = await deleteApiTarget(db, name, configuredNames);
      if (removal.removed) {
        await deps.onChanged?.();
        return { ok: true, failedDeliveries: removal.failedDeliveries };
      }
      return removal.reason === 'missing'
        ? { ok: false, status: 404, code: 'not_found', message: `no target named "${name}"` }
        : {
            ok: false,
            status: 409,
            code: 'conflict',
            message: `"${name}" is defined in the config file; remove it there`,
          };
    },
  };
}
