// Orphan accounts and what admins decide about them (issue #16 item 11). An orphan is an account Lanyard read in an
// app that no directory person claims (accounts.person_id NULL, by the planner's own correlation). An admin can:
// - ignore it, with a reason: listed as ignored, left out of the orphan counts; un-ignore counts it again;
// - mark it as a service account: its userName joins the app's protected list (the workspace, as `config export`
//   shows), so the planner and the gate never touch it;
// - link it to a person: stored as a correlation override (decisions-repo.ts), so the next plan — and every read
//   after — treats it as that person's account;
// - remove it: a proposal through the gate (remove.ts), never a connector call from here.
// Every decision is one transaction with its ledger event, recorded under the admin's name.
import { sql } from 'kysely';
import type { CoreContext } from '../app/context';
import { LanyardError } from '../app/errors';
import type { OrphanList, OrphanView } from '../../shared/api/methods-orphans';
import { appConfigSchema } from '../../shared/config/workspace';
import type { StoredAccount } from '../store/accounts-repo';
import type { SyncService } from '../sync/engine/sync-service';
import { opView } from '../sync/engine/journal';
import { createOpLabeller } from '../sync/op-label';
import { protectedMatcher } from '../sync/protected';
import type { AppConfig } from '../sync/types';
import { createOrphanDecisionsRepo, type OrphanDecision } from './decisions-repo';
import { createOwnAccounts, isOwn, type OwnAccount } from './own-account';

/** How long the orphan list waits for GitHub to say which account its token is (the page must not hang). */
const OWN_WAIT_MS = 3_000;

export const createOrphanService = (ctx: CoreContext, sync: SyncService) => {
  const { accounts, journal } = sync.deps;
  const decisions = createOrphanDecisionsRepo(ctx.store);
  const own = createOwnAccounts(sync.deps.connectorFor, () => ctx.clock.now().getTime());
  const orphanRows = () =>
    ctx.store
      .q()
      .selectFrom('accounts')
      .select(['app_id', 'remote_id'])
      .where('person_id', 'is', null)
      .orderBy('app_id')
      .orderBy(sql`lower(user_name)`)
      .orderBy('remote_id')
      .execute();
  const linkAccount = async (personId: string, appId: string, remoteId: string): Promise<void> => {
    await ctx.store
      .q()
      .updateTable('accounts')
      .set({ person_id: personId })
      .where('app_id', '=', appId)
      .where('remote_id', '=', remoteId)
      .execute();
  };
  const personAccount = (appId: string, personId: string) =>
    ctx.store
      .q()
      .selectFrom('accounts')
      .select('user_name')
      .where('app_id', '=', appId)
      .where('person_id', '=', personId)
      .orderBy('remote_id')
      .limit(1)
      .executeTakeFirst();
  const now = (): string => ctx.clock.now().toISOString();

  const appOf = async (appId: string): Promise<AppConfig> => {
    const app = await ctx.repos.workspace.getApp(appId);
    if (!app)
      throw new LanyardError('not_found', `There is no app "${appId}".`, { hint: 'Reload the page.' });
    return app;
  };

  /** The account, still an orphan; anything else is refused with what it is now. */
  const orphanOf = async (
    appId: string,
    remoteId: string,
  ): Promise<{ app: AppConfig; account: StoredAccount }> => {
    const app = await appOf(appId);
    const account = await accounts.get(appId, remoteId);
    if (!account) {
      throw new LanyardError(
        'not_found',
        `${app.name} has no account "${remoteId}" in Lanyard's last read.`,
        {
          hint: `It may be gone already: read ${app.name}'s accounts again on the Apps page.`,
        },
      );
    }
    if (account.personId) {
      const p = await accounts.person(account.personId);
      throw new LanyardError(
        'conflict',
        `${account.userName} in ${app.name} is not an orphan: it belongs to ${p?.displayName ?? p?.email ?? account.personId}.`,
        { hint: 'Offboard the person, or change the access rules, to take it away.' },
      );
    }
    return { app, account };
  };

  const view = async (
    app: AppConfig,
    a: StoredAccount,
    d: OrphanDecision | null,
    ownAccount: OwnAccount,
    label: ReturnType<typeof createOpLabeller>,
  ): Promise<OrphanView> => {
    const op = d?.kind === 'removal' && d.opKey ? await journal.latestByKey(d.opKey) : null;
    const removing = op !== null && ['planned', 'held', 'approved', 'running'].includes(op.status);
    const removal = {
      appId: app.id,
      payload:
        app.deprovision === 'delete'
          ? { kind: 'delete' as const, remoteId: a.remoteId }
          : { kind: 'deactivate' as const, remoteId: a.remoteId },
    };
    return {
      appId: app.id,
      appName: app.name,
      appKind: app.kind,
      remoteId: a.remoteId,
      userName: a.userName,
      email: a.emails[0] ?? null,
      displayName: a.displayName,
      active: a.active,
      role: a.role,
      state:
        d?.kind === 'ignored'
          ? 'ignored'
          : d?.kind === 'service'
            ? 'service'
            : removing
              ? 'removing'
              : 'open',
      decision: d && d.kind !== 'linked' ? { reason: d.reason, by: d.by, at: d.at } : null,
      removal: op ? opView(op, label) : null,
      own: isOwn(ownAccount, a),
      protected: protectedMatcher(app)(a),
      removeEffect: label.label(removal),
      removeConsequence: label.consequence(removal),
    };
  };

  const one = async (appId: string, remoteId: string): Promise<OrphanView> => {
    const app = await appOf(appId);
    const a = (await accounts.get(appId, remoteId))!;
    return view(
      app,
      a,
      await decisions.get(appId, remoteId),
      await own.of(app, OWN_WAIT_MS),
      createOpLabeller([app]),
    );
  };

  /** A decision and its ledger event, in one transaction. */
  const decide = async (
    d: OrphanDecision,
    action: string,
    result: string,
    before: unknown = null,
  ): Promise<void> => {
    await ctx.store.tx(async () => {
      await decisions.put(d);
      await ctx.audit.append({
        actor: d.by,
        action,
        app: d.appId,
        person: d.personId,
        before,
        after: { account: d.userName, remoteId: d.remoteId, ...(d.reason ? { reason: d.reason } : {}) },
        result,
      });
    });
  };

  return {
    own,
    decisions,
    orphanOf,

    async list(appId?: string): Promise<OrphanList> {
      const apps = new Map((await ctx.repos.workspace.listApps()).map((a) => [a.id, a]));
      const rows = (await orphanRows()).filter((r) => apps.has(r.app_id) && (!appId || r.app_id === appId));
      const byKey = new Map((await decisions.list()).map((d) => [`${d.appId}\0${d.remoteId}`, d]));
      const owners = new Map<string, OwnAccount>();
      await Promise.all(
        [...new Set(rows.map((r) => r.app_id))].map(async (id) => {
          owners.set(id, await own.of(apps.get(id)!, OWN_WAIT_MS));
        }),
      );
      const label = createOpLabeller([...apps.values()]);
      const orphans: OrphanView[] = [];
      for (const r of rows) {
        const a = await accounts.get(r.app_id, r.remote_id);
        if (!a) continue;
        const d = byKey.get(`${r.app_id}\0${r.remote_id}`) ?? null;
        orphans.push(await view(apps.get(r.app_id)!, a, d, owners.get(r.app_id)!, label));
      }
      const perApp: Record<string, number> = {};
      let open = 0;
      for (const o of orphans) {
        if (o.state === 'ignored' || o.state === 'service') continue;
        open++;
        perApp[o.appId] = (perApp[o.appId] ?? 0) + 1;
      }
      return {
        orphans,
        open,
        known: orphans.length - open,
        perApp,
        ownUnknown: [...owners].flatMap(([id, o]) =>
          'unknown' in o ? [{ appId: id, reason: o.unknown }] : [],
        ),
      };
    },

    async ignore(appId: string, remoteId: string, reason: string, actor: string): Promise<OrphanView> {
      const { app, account } = await orphanOf(appId, remoteId);
      await decide(
        { ...base(account, appId, actor, now()), kind: 'ignored', reason },
        'orphan.ignored',
        `ok: ${account.userName} in ${app.name} is ignored (left out of orphan counts): ${reason}`,
      );
      return one(appId, remoteId);
    },

    async unignore(appId: string, remoteId: string, actor: string): Promise<OrphanView> {
      const { app, account } = await orphanOf(appId, remoteId);
      const d = await decisions.get(appId, remoteId);
      if (d?.kind !== 'ignored') {
        throw new LanyardError('conflict', `${account.userName} in ${app.name} is not ignored.`, {
          hint:
            d?.kind === 'service' ? 'It is a service account: edit the app’s protected list instead.' : '',
        });
      }
      await ctx.store.tx(async () => {
        await decisions.remove(appId, remoteId);
        await ctx.audit.append({
          actor,
          action: 'orphan.unignored',
          app: appId,
          before: { account: d.userName, remoteId, reason: d.reason, by: d.by, at: d.at },
          after: null,
          result: `ok: ${account.userName} in ${app.name} counts as an orphan again`,
        });
      });
      return one(appId, remoteId);
    },

    async markService(appId: string, remoteId: string, actor: string): Promise<OrphanView> {
      const { app, account } = await orphanOf(appId, remoteId);
      await ctx.store.tx(async () => {
        const before = app.protected ?? [];
        if (!protectedMatcher(app)(account)) {
          const parsed = appConfigSchema.safeParse({ ...app, protected: [...before, account.userName] });
          if (!parsed.success) {
            throw new LanyardError(
              'bad_input',
              `${app.name}'s protected list cannot take ${account.userName}: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
              { hint: 'Tidy the protected list in Apps → Edit, then try again.' },
            );
          }
          await ctx.repos.workspace.setApps(
            (await ctx.repos.workspace.listApps()).map((a) => (a.id === app.id ? parsed.data : a)),
          );
        }
        await decisions.put({
          ...base(account, appId, actor, now()),
          kind: 'service',
          reason: 'service account',
        });
        await ctx.audit.append({
          actor,
          action: 'orphan.markedService',
          app: appId,
          before: { protected: before },
          after: {
            account: account.userName,
            remoteId,
            protected: (await ctx.repos.workspace.getApp(appId))?.protected,
          },
          result: `ok: ${account.userName} is a service account in ${app.name}: protected, Lanyard never changes it`,
        });
      });
      ctx.events.emit('workspace.changed', { summary: `protected ${account.userName} in app ${appId}` });
      return one(appId, remoteId);
    },

    async link(appId: string, remoteId: string, personId: string, actor: string) {
      const { app, account } = await orphanOf(appId, remoteId);
      const person = await accounts.person(personId);
      if (!person) {
        throw new LanyardError('not_found', `Nobody in the directory has the id "${personId}".`, {
          hint: 'Pick the person from the list; pull the directory first if they are new.',
        });
      }
      const who = person.displayName ?? person.email ?? person.login;
      const has = await personAccount(appId, personId);
      if (has) {
        throw new LanyardError(
          'conflict',
          `${who} already has an account in ${app.name} (${has.user_name}); one person has one account per app.`,
          { hint: `Remove or ignore ${account.userName} instead, or link it to someone else.` },
        );
      }
      await ctx.store.tx(async () => {
        await decide(
          { ...base(account, appId, actor, now()), kind: 'linked', personId, reason: null },
          'orphan.linked',
          `ok: ${account.userName} in ${app.name} is ${who}'s account from now on (the next plan treats it so)`,
        );
        await linkAccount(personId, appId, remoteId);
      });
      return { appId, remoteId, personId };
    },
  };
};

const base = (account: StoredAccount, appId: string, by: string, at: string): OrphanDecision => ({
  appId,
  remoteId: account.remoteId,
  userName: account.userName,
  kind: 'ignored',
  personId: null,
  reason: null,
  opKey: null,
  by,
  at,
});

export type OrphanService = ReturnType<typeof createOrphanService>;
