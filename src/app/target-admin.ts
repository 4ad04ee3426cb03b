// The admin API's and /manage/targets' notification targets, composed: the config file's rules
// check a new or edited target, the address guard checks where it sends, the store keeps it (and
// whether an admin turned it off), the running notifier reloads, and a test send goes out through
// the same channel code as a delivery.
import type { Kysely } from 'kysely';
import { parseNotificationTarget, unknownBoardRefusal, type AppConfig } from '../config/load.js';
import { destinationRefusal } from '../notify/destination.js';
import { channels } from '../notify/registry.js';
import { describeDestination, targetFingerprint } from '../notify/targets.js';
import type { NotifyTarget } from '../notify/types.js';
import { addressPolicy, loadTargets, notifyTargets } from './notifier.js';
import { channelForms } from './target-forms.js';
import { inviteMailTarget, sendInviteMail } from './invite-mail.js';
import { sendTestMessage } from './test-send.js';
import {
  deleteApiTarget,
  getNotifyTarget,
  insertApiTarget,
  listNotifyTargets,
  reactivateNotifyTarget,
  replaceApiTarget,
  setApiTargetPaused,
  type Database,
  type NotifyTargetRecord,
} from '../store/index.js';
import type {
  TargetChangeResult,
  WebTargetAdmin,
  WebTargetEditable,
  WebTargetView,
} from '../web/api/targets.js';

/** How long "Send test" waits for the destination before it reports a timeout. */
const testTimeoutMs = 10_000;

interface TargetAdminDeps {
  config: Pick<AppConfig, 'notifications' | 'network'> & Partial<Pick<AppConfig, 'boards'>>;
  db: Kysely<Database>;
  now: () => string;
  /** Called after a target was added or removed (the notifier in this process reloads). */
  onChanged?: () => Promise<void>;
  /** vendorwatch's own address, for the links in a test message. */
  publicUrl?: string | null;
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
    enabled: !stored?.pausedAt,
    turnedOffAt: stored?.pausedAt ?? null,
    turnedOffBy: stored?.pausedBy ?? null,
  };
}

/** A stored field as the edit form's text: a list one value per line. */
function fieldText(value: unknown): string | null {
  if (Array.isArray(value)) return value.map(String).join('\n');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return null;
}

export function createTargetAdmin(deps: TargetAdminDeps): WebTargetAdmin {
  const { config, db } = deps;
  const policy = addressPolicy(config.network);
  const configuredNames = new Set(notifyTargets(config).map((target) => target.name));
  const boardSlugs = (config.boards ?? []).map((board) => board.slug);

  async function list(): Promise<WebTargetView[]> {
    const [targets, stored] = await Promise.all([loadTargets(config, db), listNotifyTargets(db)]);
    const byName = new Map(stored.map((record) => [record.name, record]));
    return targets
      .map((target) => view(target, byName.get(target.name)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** An API target's definition and stored row; null for a config target or an unknown name. */
  async function findApiTarget(name: string) {
    if (configuredNames.has(name)) return null;
    const stored = await getNotifyTarget(db, name);
    if (stored?.origin !== 'api') return null;
    const target = (await loadTargets(config, db)).find((candidate) => candidate.name === name);
    return target ? { target, stored } : null;
  }

  const notFound = (name: string): TargetChangeResult => ({
    ok: false,
    status: 404,
    code: 'not_found',
    message: `no target named "${name}" was added here`,
  });
  const configured = (name: string): TargetChangeResult => ({
    ok: false,
    status: 409,
    code: 'conflict',
    message: `"${name}" is defined in the config file; change it there`,
  });

  async function currentView(name: string, target: NotifyTarget): Promise<WebTargetView> {
    return view(target, (await getNotifyTarget(db, name)) ?? undefined);
  }

  return {
    list,
    channelForms,
    async editable(name): Promise<WebTargetEditable | null> {
      const found = await findApiTarget(name);
      if (!found) return null;
      const { target } = found;
      const channel = channels.get(target.type);
      const values: Record<string, string> = {};
      const secretsSet: string[] = [];
      for (const key of Object.keys(channel.fields)) {
        const text = fieldText(target[key]);
        if (text === null) continue;
        if (channel.secrets[key] !== undefined) secretsSet.push(key);
        else values[key] = text;
      }
      return { values, secretsSet };
    },
    async update(name, body, clearSecrets) {
      if (configuredNames.has(name)) return configured(name);
      const found = await findApiTarget(name);
      if (!found) return notFound(name);
      const current = found.target;
      // The name and type stay; a secret left empty keeps the stored one (it is never shown).
      const merged: Record<string, unknown> = { ...body, name, type: current.type };
      for (const key of Object.keys(channels.get(current.type).secrets)) {
        if (merged[key] !== undefined || clearSecrets.includes(key)) continue;
        if (current[key] !== undefined) merged[key] = current[key];
      }
      const parsed = parseNotificationTarget(merged);
      if (!parsed.ok)
        return { ok: false, status: 400, code: 'invalid_body', message: parsed.error };
      const target: NotifyTarget = parsed.target;
      const boardRefusal = unknownBoardRefusal(target, boardSlugs);
      if (boardRefusal !== null) {
        return { ok: false, status: 400, code: 'invalid_body', message: `boards: ${boardRefusal}` };
      }
      const refusal = await destinationRefusal(target, policy);
      if (refusal !== null)
        return { ok: false, status: 422, code: 'url_refused', message: refusal };
      const replaced = await replaceApiTarget(
        db,
        {
          name,
          type: target.type,
          fingerprint: targetFingerprint(target),
          definition: JSON.stringify(target),
        },
        deps.now(),
      );
      if (replaced === 'missing') return notFound(name);
      await deps.onChanged?.();
      return { ok: true, target: await currentView(name, target) };
    },
    async setEnabled(name, enabled, actor) {
      if (configuredNames.has(name)) return configured(name);
      const found = await findApiTarget(name);
      if (!found) return notFound(name);
      const changed = await setApiTargetPaused(
        db,
        name,
        enabled ? null : { at: deps.now(), by: actor },
        configuredNames,
      );
      if (!changed.changed) return changed.reason === 'missing' ? notFound(name) : configured(name);
      await deps.onChanged?.();
      return { ok: true, target: await currentView(name, found.target) };
    },
    async sendInvite(invitation) {
      const [targets, stored] = await Promise.all([loadTargets(config, db), listNotifyTargets(db)]);
      const turnedOff = new Set(stored.filter((row) => row.pausedAt).map((row) => row.name));
      const target = inviteMailTarget(targets, turnedOff);
      if (!target) return null;
      return sendInviteMail(target, invitation, { config, timeoutMs: testTimeoutMs });
    },
    async sendTest(name) {
      const target = (await loadTargets(config, db)).find((candidate) => candidate.name === name);
      if (!target) return null;
      const result = await sendTestMessage(target, {
        config,
        publicUrl: deps.publicUrl ?? null,
        timeoutMs: testTimeoutMs,
      });
      // As `vendorwatch notify test`: a working destination undoes a 410 or a quarantine. A target
      // an admin turned off stays off.
      const stored = await getNotifyTarget(db, name);
      if (result.ok && stored && !stored.pausedAt && stored.state !== 'active') {
        await reactivateNotifyTarget(db, name, deps.now());
      }
      return result;
    },
    async add(body) {
      const parsed = parseNotificationTarget(body);
      if (!parsed.ok)
        return { ok: false, status: 400, code: 'invalid_body', message: parsed.error };
      const target: NotifyTarget = parsed.target;
      const boardRefusal = unknownBoardRefusal(target, boardSlugs);
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
