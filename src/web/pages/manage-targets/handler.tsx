// /manage/targets (admin): list, add (a form per channel type), details with "Send test", turn
// off/on, remove and edit. The checks are the admin API's (the config file's rules, the address
// guard); every change and every test send is recorded in the audit log. No secret is ever put
// into a page: forms show only whether a secret is set.
import type { Context } from 'hono';
import { listDeliveries, listVendorChoices } from '../../../store/index.js';
import type {
  TestSendView,
  WebChannelForm,
  WebTargetAdmin,
  WebTargetView,
} from '../../api/targets.js';
import type { Auth } from '../../auth/service.js';
import { targetNamePattern } from '../../ids.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import {
  clearedSecrets,
  emptyFormState,
  formState,
  readPostedForm,
  storedFormState,
  targetBody,
  type TargetFormState,
} from './target-form.js';
import { NewTargetPage, TargetDetailPage, TargetListPage } from './view.js';

/** The admin with everything the page needs (the service's createTargetAdmin has it all). */
export type ManagedTargets = Required<WebTargetAdmin>;

export function isManagedTargets(admin: WebTargetAdmin): admin is ManagedTargets {
  return Boolean(
    admin.channelForms && admin.editable && admin.update && admin.setEnabled && admin.sendTest,
  );
}

/** What ?done= may say: fixed sentences, so the URL cannot put words on the page. */
const doneMessages: Record<string, string> = {
  added: 'The target was added. Send a test to check that it arrives.',
  saved: 'The changes were saved.',
  disabled: 'The target is disabled: nothing is sent to it until you enable it.',
  enabled: 'The target is enabled: it gets the next event it wants.',
  removed: 'The target was removed. Its past deliveries stay listed under Deliveries.',
};

const recentDeliveries = 20;

export function targetPages(
  deps: PageDeps,
  auth: Auth,
  admin: ManagedTargets,
  notFound: (c: Context) => Promise<Response>,
  /** The config's boards, offered as a filter (a target may name only these). */
  boards: readonly { slug: string; name: string }[] = [],
) {
  const actor = (c: Context) => c.get('viewer')?.email ?? 'unknown';
  const channelOf = (type: string): WebChannelForm | undefined =>
    admin.channelForms.find((form) => form.type === type);
  const findTarget = async (name: string): Promise<WebTargetView | null> =>
    targetNamePattern.test(name)
      ? ((await admin.list()).find((target) => target.name === name) ?? null)
      : null;
  const done = (c: Context) => doneMessages[c.req.query('done') ?? ''] ?? null;

  async function renderList(
    c: Context,
    error: string | null = null,
    status: 200 | 404 | 409 = 200,
  ) {
    return sendHtml(
      c,
      <TargetListPage
        assets={deps.assets.urls}
        targets={await admin.list()}
        forms={admin.channelForms}
        done={done(c)}
        error={error}
      />,
      status,
    );
  }

  async function renderNew(
    c: Context,
    form: WebChannelForm,
    state: TargetFormState,
    error: string | null,
    status: 200 | 400 | 409 | 422 = 200,
  ) {
    return sendHtml(
      c,
      <NewTargetPage
        assets={deps.assets.urls}
        form={form}
        state={state}
        vendors={await listVendorChoices(deps.db)}
        boards={boards}
        error={error}
      />,
      status,
    );
  }

  async function renderDetail(
    c: Context,
    target: WebTargetView,
    extra: {
      error?: string | null;
      test?: TestSendView | null;
      editState?: TargetFormState;
      editError?: string | null;
    } = {},
    status: 200 | 400 | 409 | 422 = 200,
  ) {
    const form = channelOf(target.type);
    const editable = target.origin === 'api' ? await admin.editable(target.name) : null;
    const [vendors, deliveries] = await Promise.all([
      listVendorChoices(deps.db),
      listDeliveries(deps.db, { target: target.name, limit: recentDeliveries }),
    ]);
    const edit =
      form && editable
        ? {
            form,
            state: extra.editState ?? storedFormState(target, editable.values),
            secretsSet: editable.secretsSet,
            vendors,
            boards,
            error: extra.editError ?? null,
          }
        : null;
    return sendHtml(
      c,
      <TargetDetailPage
        assets={deps.assets.urls}
        target={target}
        now={deps.now()}
        done={done(c)}
        error={extra.error ?? null}
        test={extra.test ?? null}
        edit={edit}
        deliveries={deliveries.deliveries}
        vendorName={(event) =>
          deps.vendorName?.(event.vendorSlug) ?? event.vendorName ?? event.vendorSlug
        }
      />,
      status,
    );
  }

  /** Runs `act` on a known target; an unknown name is the 404 page. */
  async function withTarget(
    c: Context,
    name: string,
    act: (target: WebTargetView) => Promise<Response>,
  ): Promise<Response> {
    const target = await findTarget(name);
    return target ? act(target) : notFound(c);
  }

  return {
    list: (c: Context) => renderList(c),
    newForm(c: Context, type: string) {
      const form = channelOf(type);
      return form ? renderNew(c, form, emptyFormState, null) : notFound(c);
    },
    async add(c: Context, type: string) {
      const form = channelOf(type);
      if (!form) return notFound(c);
      const posted = await readPostedForm(c);
      const result = await admin.add(targetBody(posted, form));
      if (!result.ok)
        return renderNew(c, form, formState(posted, form), result.message, result.status);
      await auth.audit(c, {
        actor: actor(c),
        action: 'target.added',
        subject: result.target.name,
        detail: { type: result.target.type },
      });
      return c.redirect(`/manage/targets/${result.target.name}?done=added`, 303);
    },
    detail: (c: Context, name: string) => withTarget(c, name, (target) => renderDetail(c, target)),
    test: (c: Context, name: string) =>
      withTarget(c, name, async (target) => {
        const result = await admin.sendTest(target.name);
        if (!result) return notFound(c);
        await auth.audit(c, {
          actor: actor(c),
          action: 'target.tested',
          subject: target.name,
          detail: result.ok
            ? { ok: true, result: result.detail }
            : { ok: false, result: result.kind, error: result.error.slice(0, 300) },
        });
        // The state may have changed: a working destination undoes a 410 or a quarantine.
        return renderDetail(c, (await findTarget(target.name)) ?? target, { test: result });
      }),
    setEnabled: (c: Context, name: string, enabled: boolean) =>
      withTarget(c, name, async (target) => {
        const result = await admin.setEnabled(target.name, enabled, actor(c));
        if (!result.ok) return renderDetail(c, target, { error: result.message }, 409);
        await auth.audit(c, {
          actor: actor(c),
          action: enabled ? 'target.enabled' : 'target.disabled',
          subject: target.name,
        });
        return c.redirect(
          `/manage/targets/${target.name}?done=${enabled ? 'enabled' : 'disabled'}`,
          303,
        );
      }),
    remove: (c: Context, name: string) =>
      withTarget(c, name, async (target) => {
        const result = await admin.remove(target.name);
        if (!result.ok) return renderDetail(c, target, { error: result.message }, 409);
        await auth.audit(c, {
          actor: actor(c),
          action: 'target.removed',
          subject: target.name,
          detail: { failedDeliveries: result.failedDeliveries },
        });
        return c.redirect('/manage/targets?done=removed', 303);
      }),
    edit: (c: Context, name: string) =>
      withTarget(c, name, async (target) => {
        const form = channelOf(target.type);
        if (!form || target.origin !== 'api') {
          return renderDetail(
            c,
            target,
            { error: `"${target.name}" is defined in the config file; change it there` },
            409,
          );
        }
        const posted = await readPostedForm(c);
        const body = targetBody({ ...posted, name: [target.name] }, form);
        const result = await admin.update(target.name, body, clearedSecrets(posted, form));
        if (!result.ok) {
          const editState = { ...formState(posted, form), name: target.name };
          return renderDetail(
            c,
            target,
            { editState, editError: result.message },
            result.status === 404 ? 409 : result.status,
          );
        }
        await auth.audit(c, { actor: actor(c), action: 'target.changed', subject: target.name });
        return c.redirect(`/manage/targets/${target.name}?done=saved`, 303);
      }),
  };
}
