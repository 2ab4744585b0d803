// The Okta directory connector (issue #3): full reads of users (DEPROVISIONED ones need their own filtered list),
// groups and group members; incremental reads from the System Log; the kill switch (suspend + clear sessions).
// Status mapping: see ./map.ts.
import { errorText } from '../../app/errors';
import { HttpError } from '../../http';
import type { CheckResult, CreateDirectoryConnector, DirectoryConnector, DirectorySnapshot } from '../types';
import { mapLimit } from '../concurrency';
import { VendorHttpError } from '../vendor-error';
import { createOktaApi } from './api';
import { OKTA_MANAGE_SCOPE, OKTA_READ_SCOPES, type OktaConfig } from './auth';
import { isOktaGroup, isOktaUser, oktaGroup, oktaPerson } from './map';
import { decodeOktaCursor, encodeOktaCursor, readOktaChanges } from './system-log';

const USERS_PAGE = 200;
const GROUPS_PAGE = 200;
const GROUP_USERS_PAGE = 1000;

export const createOktaConnector: CreateDirectoryConnector<OktaConfig> = (config, deps) => {
  const now = deps.now ?? (() => new Date());
  const configured = config.auth.type === 'oauth' ? config.auth.scopes : undefined;
  const readApi = createOktaApi(config, deps, configured ?? OKTA_READ_SCOPES);
  let manageApi: ReturnType<typeof createOktaApi> | undefined;
  const manage = () =>
    (manageApi ??= createOktaApi(config, deps, configured ?? ['okta.users.read', OKTA_MANAGE_SCOPE]));
  const concurrency = config.concurrency ?? 4;
  const pageSize = (max: number) => Math.min(max, config.pageSize ?? max);

  const readAll = async (): Promise<DirectorySnapshot> => {
    const started = now();
    const before = readApi.requests();
    const [listed, deprovisioned, groups] = await Promise.all([
      readApi.all('api/v1/users', { limit: pageSize(USERS_PAGE) }, 'list users', isOktaUser),
      // Unfiltered lists omit DEPROVISIONED users; Lanyard needs them to revoke leavers' accounts.
      readApi.all(
        'api/v1/users',
        { filter: 'status eq "DEPROVISIONED"', limit: pageSize(USERS_PAGE) },
        'list deprovisioned users',
        isOktaUser,
      ),
      readApi.all('api/v1/groups', { limit: pageSize(GROUPS_PAGE) }, 'list groups', isOktaGroup),
    ]);
    const people = new Map([...listed, ...deprovisioned].map((u) => [u.id, oktaPerson(u)]));
    const members = await mapLimit(groups, concurrency, (g) =>
      readApi.all(
        `api/v1/groups/${encodeURIComponent(g.id)}/users`,
        { limit: pageSize(GROUP_USERS_PAGE) },
        `list members of group ${g.profile?.name ?? g.id}`,
        isOktaUser,
      ),
    );
    const memberships: [string, string][] = [];
    groups.forEach((g, i) => {
      for (const u of members[i]!) if (people.has(u.id)) memberships.push([g.id, u.id]);
    });
    return {
      people: [...people.values()],
      groups: groups.map(oktaGroup),
      memberships,
      cursor: encodeOktaCursor({ v: 1, since: started.toISOString(), logNext: null }),
      requests: readApi.requests() - before,
    };
  };

  const check = async (
    scope: string,
    path: string,
    what: string,
  ): Promise<{ ok: boolean; detail: string; missing?: string; fatal?: boolean }> => {
    const api = config.auth.type === 'oauth' && !configured ? createOktaApi(config, deps, [scope]) : readApi;
    try {
      await api.request({ path, query: { limit: 1 }, label: `read ${what}` });
      return { ok: true, detail: `Can read ${what}` };
    } catch (err) {
      const message = (err as Error).message;
      const denied = (err instanceof HttpError && err.status === 403) || /invalid_scope/.test(message);
      if (denied)
        return {
          ok: false,
          detail: `Cannot read ${what}: scope ${scope} (or the admin role) is missing`,
          missing: scope,
        };
      // Anything else (rejected credentials, unreachable, wrong URL) fails every check the same way: say it once.
      return { ok: false, detail: errorText(err), fatal: true };
    }
  };

  const connector: DirectoryConnector = {
    kind: 'okta',
    async test(): Promise<CheckResult> {
      const results = [];
      for (const [scope, path, what] of [
        ['okta.users.read', 'api/v1/users', 'users'],
        ['okta.groups.read', 'api/v1/groups', 'groups'],
        ['okta.logs.read', 'api/v1/logs', 'the System Log'],
      ] as const) {
        const result = await check(scope, path, what);
        results.push(result);
        if (result.fatal) break;
      }
      const details = [
        config.auth.type === 'oauth'
          ? `Service app ${config.auth.clientId} (private_key_jwt) at ${config.baseUrl}`
          : `API token (SSWS) at ${config.baseUrl}`,
        ...results.map((r) => r.detail),
      ];
      const missing = results.flatMap((r) => (r.missing ? [r.missing] : []));
      if (config.auth.type === 'oauth' && !configured && !results.some((r) => r.fatal)) {
        try {
          await createOktaApi(config, deps, [OKTA_MANAGE_SCOPE]).request({
            path: 'api/v1/users',
            query: { limit: 1 },
            label: 'check the kill-switch scope',
          });
          details.push('Kill switch available (okta.users.manage granted)');
        } catch {
          details.push('Kill switch unavailable: okta.users.manage is not granted');
          missing.push(OKTA_MANAGE_SCOPE);
        }
      }
      return { ok: results.every((r) => r.ok), details, missing };
    },
    readAll,
    async readChanges(cursor) {
      const parsed = cursor ? decodeOktaCursor(cursor) : null;
      if (!parsed) {
        const snapshot = await readAll();
        return {
          mode: 'full',
          snapshot,
          reason: cursor ? 'the stored cursor is not an Okta cursor' : 'no previous read',
          requests: snapshot.requests,
        };
      }
      const before = readApi.requests();
      const { changes, cursor: next } = await readOktaChanges(readApi, parsed, now());
      return {
        mode: 'delta',
        changes,
        cursor: encodeOktaCursor(next),
        requests: readApi.requests() - before,
      };
    },
    async suspend(personId) {
      const id = encodeURIComponent(personId);
      try {
        await manage().request({
          method: 'POST',
          path: `api/v1/users/${id}/lifecycle/suspend`,
          expect: 'none',
          label: `suspend user ${personId}`,
        });
      } catch (err) {
        // Suspend is only allowed from ACTIVE: a user already suspended or deprovisioned is already locked out.
        if (!(err instanceof VendorHttpError && err.vendorCode === 'E0000001')) throw err;
        const user = await manage().request<{ status?: string }>({
          path: `api/v1/users/${id}`,
          label: `look up user ${personId}`,
        });
        if (user.body.status !== 'SUSPENDED' && user.body.status !== 'DEPROVISIONED') throw err;
      }
    },
    async revokeSessions(personId) {
      await manage().request({
        method: 'DELETE',
        path: `api/v1/users/${encodeURIComponent(personId)}/sessions`,
        query: { oauthTokens: true, forgetDevices: false },
        expect: 'none',
        label: `clear sessions of user ${personId}`,
      });
    },
  };
  return connector;
};
