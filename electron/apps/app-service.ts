// The apps use cases behind the apps.* API methods: test a connection, read and store an app's accounts,
// probe a SCIM app's capabilities, and record an admin's confirmation of a manual task.
import { LanyardError } from '../app/errors';
import type { CoreContext } from '../app/context';
import type { HttpClientOptions } from '../http/http-client';
import { createAccountsRepo } from '../store/accounts-repo';
import { createCapabilitiesRepo } from './capabilities-repo';
import { createAppConnector } from './factory';
import { createScimConnector } from './scim/connector';
import { probeScim } from './scim/probe';
import type { AppAccount, ConnectorDeps } from './types';
import type { AppConfig } from './types-config';
import type {
  AccountsSnapshot,
  AppCheckResult,
  ManualAction,
  ManualConfirmResult,
  ProbeReport,
} from '../../shared/api/methods-apps';

export interface AppServiceOptions {
  /** HttpClient overrides for every connector (tests shorten timeouts and backoff here). */
  http?: Partial<HttpClientOptions>;
}

export const createAppService = (ctx: CoreContext, opts: AppServiceOptions = {}) => {
  const accounts = createAccountsRepo(ctx.store);
  const capabilities = createCapabilitiesRepo(ctx.store);
  const log = ctx.log.child('apps');

  const appOf = async (appId: string): Promise<AppConfig> => {
    const app = await ctx.repos.workspace.getApp(appId);
    if (!app) {
      throw new LanyardError('not_found', `There is no app "${appId}".`, {
        hint: 'Add it in Apps, or to the apps list of the workspace file and run `lanyard config apply`.',
      });
    }
    return app;
  };

  const depsFor = async (app: AppConfig, withStored = true): Promise<ConnectorDeps> => ({
    resolveSecret: (ref) => ctx.resolver.resolve(ref, `app ${app.id}`),
    log,
    ...(opts.http ? { http: opts.http } : {}),
    storedCapabilities: withStored ? await capabilities.get(app.id) : null,
    now: () => ctx.clock.now(),
  });

  const connectorFor = async (app: AppConfig) =>
    createAppConnector(app, { ...(await depsFor(app)), confirmedAccounts: () => accounts.list(app.id) });

  return {
    async test(appId: string): Promise<AppCheckResult> {
      const app = await appOf(appId);
      try {
        return await (await connectorFor(app)).test();
      } catch (err) {
        // A missing secret or an unusable URL is a finding of the check, not a crash of it.
        if (err instanceof LanyardError)
          return { ok: false, details: [err.message + (err.hint ? ` ${err.hint}` : '')], missing: [] };
        throw err;
      }
    },

    /** Reads every account; stores them only when the whole read succeeded (one transaction). */
    async accounts(appId: string): Promise<AccountsSnapshot> {
      const app = await appOf(appId);
      const connector = await connectorFor(app);
      const list = await connector.listAccounts();
      const readAt = ctx.clock.now().toISOString();
      const linked =
        app.kind === 'manual'
          ? (await accounts.list(appId)).filter((a) => a.personId).length
          : (await accounts.replaceSnapshot(appId, list, readAt)).linked;
      log.info('read app accounts', { app: appId, count: list.length, linked });
      return {
        appId,
        count: list.length,
        accounts: list,
        linked,
        requests: connector.requestCount(),
        readAt,
      };
    },

    async probe(appId: string, write: boolean): Promise<ProbeReport> {
      const app = await appOf(appId);
      if (app.kind !== 'scim') {
        throw new LanyardError('bad_input', `The probe is for SCIM apps; "${appId}" is a ${app.kind} app.`, {
          hint:
            app.kind === 'manual'
              ? 'Manual apps have no API to probe.'
              : 'Use `lanyard apps test` for GitHub apps.',
        });
      }
      // Probe from scratch: earlier findings must not colour what is observed now.
      const report = await probeScim(createScimConnector(app, await depsFor(app, false)), { write });
      if (report.steps.find((s) => s.name === 'auth')?.status === 'ok') {
        const probedAt = ctx.clock.now().toISOString();
        const paging = report.steps.find((s) => s.name === 'paging');
        await capabilities.set(appId, {
          ...report.capabilities,
          ...(paging?.status === 'failed'
            ? { pagingQuirk: `the probe of ${probedAt.slice(0, 10)} found: ${paging.detail}` }
            : {}),
          probedAt,
          writeTested: write,
        });
      }
      log.info('probed app', {
        app: appId,
        ok: report.ok,
        write,
        update: report.capabilities.update,
        filter: report.capabilities.filter,
      });
      return report;
    },

    async confirmManual(input: {
      appId: string;
      personId?: string | undefined;
      userName?: string | undefined;
      action: ManualAction;
      role?: string | undefined;
    }): Promise<ManualConfirmResult> {
      const app = await appOf(input.appId);
      if (app.kind !== 'manual') {
        throw new LanyardError(
          'bad_input',
          `"${app.id}" is a ${app.kind} app; only manual apps take confirmations.`,
          {
            hint: 'Lanyard reads the accounts of API apps itself (`lanyard apps accounts`).',
          },
        );
      }
      const person = input.personId ? await accounts.person(input.personId) : null;
      if (input.personId && !person && !input.userName) {
        throw new LanyardError('not_found', `There is no directory person "${input.personId}".`, {
          hint: 'Give the userName instead, or pull the directory first.',
        });
      }
      const userName = input.userName ?? person?.email ?? person!.login;
      const remoteId = userName.toLowerCase();
      const now = ctx.clock.now().toISOString();
      if (input.action === 'deleted') {
        await accounts.remove(app.id, remoteId);
        return { appId: app.id, action: input.action, account: null };
      }
      const existing = await accounts.get(app.id, remoteId);
      const account: AppAccount = {
        remoteId,
        userName,
        emails: existing?.emails.length ? existing.emails : userName.includes('@') ? [userName] : [],
        externalId: person?.id ?? existing?.externalId ?? null,
        active: input.action !== 'deactivated',
        role: input.role ?? existing?.role ?? null,
        groups: existing?.groups ?? [],
        displayName: person?.displayName ?? existing?.displayName ?? null,
      };
      const stored = await accounts.upsert(app.id, account, now, person ? person.id : undefined);
      const { appId: _a, personId: _p, seenAt: _s, ...view } = stored;
      return { appId: app.id, action: input.action, account: view };
    },
  };
};

export type AppService = ReturnType<typeof createAppService>;
