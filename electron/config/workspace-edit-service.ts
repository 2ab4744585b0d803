// Structured workspace editing for the UI (workspace.get, apps.save, apps.remove, apps.presets, apps.status,
// apps.accountReport). It edits the same stored model as `config apply`, one app at a time: every change is one
// SQLite transaction with its audit event, so `config export` shows exactly what the UI did.
// Credentials typed in the UI go to the keychain through the secrets service; only `keychain:NAME` is stored.
import type { z } from 'zod';
import type { AppConfig } from '../../shared/config/workspace';
import { appConfigSchema } from '../../shared/config/workspace';
import type {
  AppRemoveResult,
  AppSaveResult,
  ScimPresetView,
  WorkspaceView,
  workspaceMethods,
} from '../../shared/api/methods-workspace';
import type { SecretStatus } from '../../shared/domain/secrets';
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import { LanyardError, formatPath } from '../app/errors';
import { createSecretsService } from '../app/services/secrets-service';
import { SCIM_PRESETS } from '../apps/scim/presets';
import { createAppStatusReader } from './app-status-read';

/** What the ledger records about an app: never its auth block (references only, but nothing to gain there). */
const appSummary = (a: AppConfig) => ({
  id: a.id,
  name: a.name,
  kind: a.kind,
  ...(a.kind === 'scim' ? { preset: a.preset, baseUrl: a.baseUrl } : {}),
  ...(a.kind === 'github' ? { org: a.org, baseUrl: a.baseUrl } : {}),
  deprovision: a.deprovision,
  review: a.review,
  // Who is exempt from Lanyard and how much it may remove are policy: the ledger shows who changed them.
  ...(a.limits ? { limits: a.limits } : {}),
  ...(a.protected ? { protected: a.protected } : {}),
});

/** Points the app's one credential field at `ref` (the token, password or client secret, by auth type). */
const withCredentialRef = (app: AppConfig, ref: string): AppConfig => {
  if (app.kind === 'manual') {
    throw new LanyardError('bad_input', `${app.name} is a manual app; it has no credential to store.`, {
      path: 'secret',
      hint: 'Manual apps become checklist tasks; save it without a credential.',
    });
  }
  if (app.kind === 'github') return { ...app, auth: { ...app.auth, token: ref } };
  const auth = app.auth;
  if (auth.type === 'bearer') return { ...app, auth: { ...auth, token: ref } };
  if (auth.type === 'basic') return { ...app, auth: { ...auth, password: ref } };
  return { ...app, auth: { ...auth, clientSecret: ref } };
};

/** A zod failure as the API's bad_input error, with paths as the caller sent them (`app.auth.token`). */
const validationError = (err: z.ZodError, prefix: PropertyKey[]): LanyardError => {
  const issues = err.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
  const first = issues[0]!;
  return new LanyardError('bad_input', `${first.path}: ${first.message}`, { path: first.path, issues });
};

export const presetViews = (): ScimPresetView[] =>
  Object.values(SCIM_PRESETS).map((p) => ({
    id: p.id,
    name: p.label,
    baseUrlTemplate: p.baseUrlTemplate,
    notes: p.quirks,
    sources: p.sources,
    unconfirmed: p.unconfirmed,
    update: p.update,
    groups: p.groups,
    deleteMeans: p.deleteMeans,
  }));

export const createWorkspaceEditService = (ctx: CoreContext) => {
  const log = ctx.log.child('workspace-edit');
  const secrets = createSecretsService(ctx, () => ctx.repos.workspace.referencedSecrets());
  const status = createAppStatusReader(ctx.store);
  const forgetCapabilities = (id: string) =>
    ctx.store.q().updateTable('apps').set({ capabilities: null }).where('id', '=', id).execute();
  const countAccounts = async (id: string): Promise<number> =>
    Number(
      (
        await ctx.store
          .q()
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('app_id', '=', id)
          .executeTakeFirst()
      )?.n ?? 0,
    );

  const changed = (summary: string): void => ctx.events.emit('workspace.changed', { summary });

  return {
    async get(): Promise<WorkspaceView> {
      const ws = ctx.repos.workspace;
      return { directory: await ws.getDirectory(), apps: await ws.listApps(), rules: await ws.listRules() };
    },

    async saveApp(
      input: { app: AppConfig; secret?: { name: string; value: string } | undefined },
      actor: string,
    ): Promise<AppSaveResult> {
      // Everything is checked before the keychain or the store is touched: an invalid app stores nothing.
      const parsed = appConfigSchema.safeParse(
        input.secret ? withCredentialRef(input.app, `keychain:${input.secret.name}`) : input.app,
      );
      // The same schema as the workspace file, URL rules included (no "user:pass@", plain http:// to loopback
      // only, no template placeholders), so `config apply` and apps.save accept and refuse the same apps.
      if (!parsed.success) throw validationError(parsed.error, ['app']);
      const app = parsed.data;
      if (input.secret) await secrets.set(input.secret.name, input.secret.value, actor);

      const created = await ctx.store.tx(async () => {
        const apps = await ctx.repos.workspace.listApps();
        const at = apps.findIndex((a) => a.id === app.id);
        const before = at >= 0 ? apps[at]! : null;
        if (at >= 0) apps[at] = app;
        else apps.push(app);
        await ctx.repos.workspace.setApps(apps);
        // What a probe found about another server (or another kind of app) says nothing about this one.
        const sameTarget =
          before &&
          before.kind === app.kind &&
          (app.kind === 'manual' ||
            (before.kind !== 'manual' &&
              before.baseUrl === app.baseUrl &&
              (app.kind !== 'scim' || (before.kind === 'scim' && before.preset === app.preset))));
        if (before && !sameTarget) await forgetCapabilities(app.id);
        await ctx.audit.append({
          actor,
          action: before ? 'app.updated' : 'app.added',
          app: app.id,
          before: before ? appSummary(before) : null,
          after: appSummary(app),
          result: 'ok',
        });
        return before === null;
      });
      log.info(created ? 'app added' : 'app updated', { app: app.id, kind: app.kind, actor });
      changed(`${created ? 'added' : 'updated'} app ${app.id}`);
      // Read back once the app is stored, so "used by" names it.
      const ref = input.secret ? `keychain:${input.secret.name}` : null;
      const secret: SecretStatus | null = ref
        ? ((await secrets.list()).find((s) => s.ref === ref) ?? null)
        : null;
      return { app, created, secret };
    },

    async removeApp(id: string, actor: string): Promise<AppRemoveResult> {
      const result = await ctx.store.tx(async () => {
        const apps = await ctx.repos.workspace.listApps();
        const app = apps.find((a) => a.id === id);
        if (!app) {
          throw new LanyardError('not_found', `There is no app "${id}".`, {
            hint: 'It may have been removed already (from another window or by `lanyard config apply`).',
          });
        }
        const rules = await ctx.repos.workspace.listRules();
        const keep = rules.filter((r) => r.app !== id);
        const accountsForgotten = await countAccounts(id);
        await ctx.repos.workspace.setRules(keep);
        await ctx.repos.workspace.setApps(apps.filter((a) => a.id !== id));
        const rulesRemoved = rules.length - keep.length;
        await ctx.audit.append({
          actor,
          action: 'app.removed',
          app: id,
          before: { ...appSummary(app), rules: rules.filter((r) => r.app === id) },
          after: null,
          result: `ok: removed with ${rulesRemoved} rule(s); ${accountsForgotten} account record(s) forgotten`,
        });
        return { id, rulesRemoved, accountsForgotten };
      });
      log.info('app removed', { app: id, rules: result.rulesRemoved, actor });
      changed(`removed app ${id}`);
      return result;
    },

    presets: presetViews,
    status: async () => status.statuses((await ctx.repos.workspace.listApps()).map((a) => a.id)),
    accountReport: async (appId: string) => {
      if (!(await ctx.repos.workspace.getApp(appId))) {
        throw new LanyardError('not_found', `There is no app "${appId}".`, { hint: 'Add it in Apps first.' });
      }
      return status.accountReport(appId);
    },
  };
};

export const createWorkspaceEditHandlers = (
  ctx: CoreContext,
): Pick<Handlers, keyof typeof workspaceMethods> => {
  const edit = createWorkspaceEditService(ctx);
  return {
    'workspace.get': async () => edit.get(),
    'apps.save': (input, call) => edit.saveApp(input, call.actor),
    'apps.remove': async (input, call) => edit.removeApp(input.id, call.actor),
    'apps.presets': async () => edit.presets(),
    'apps.status': async () => edit.status(),
    'apps.accountReport': async (input) => edit.accountReport(input.appId),
  };
};
