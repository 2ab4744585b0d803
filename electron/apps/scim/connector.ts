// The SCIM 2.0 app connector: the AppConnector interface over the SCIM session (users.ts, groups.ts, paging.ts).
import type { AppConnector, ConnectorDeps } from '../types';
import type { ScimAppConfig } from '../types-config';
import { ScimAppError } from './errors';
import { changeMembers, listGroups, listedGroups } from './groups';
import { listAll, readPage } from './paging';
import { createScimSession, type ScimSession } from './session';
import { accountOf, createUser, deleteUser, updateUser } from './users';
import type { ScimUser } from './wire';

export interface ScimConnector extends AppConnector {
  readonly kind: 'scim';
  /** For the probe: the session with its transport, discovery and learned quirks. */
  readonly session: ScimSession;
}

export const createScimConnector = (config: ScimAppConfig, deps: ConnectorDeps): ScimConnector => {
  const s = createScimSession(config, deps);
  /**
   * A listing that could not be read completely says, besides what went wrong now, what a probe found about this
   * server's paging (the quirk behind it, in the admin's words).
   */
  const withProbeFinding = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (err) {
      const quirk = deps.storedCapabilities?.pagingQuirk;
      if (!(err instanceof ScimAppError) || err.kind !== 'paging' || !quirk) throw err;
      throw new ScimAppError({
        appId: err.appId,
        kind: 'paging',
        message: `${err.message} As ${quirk}`,
        hint: err.hint,
        cause: err,
      });
    }
  };
  const done = <T>(state: T, adopted?: boolean) => ({
    manual: false as const,
    state,
    ...(adopted ? { adopted } : {}),
  });

  return {
    kind: 'scim',
    appId: config.id,
    session: s,
    async test() {
      const details: string[] = [];
      const missing: string[] = [];
      try {
        const d = await s.discovery();
        details.push(...d.notes);
        const page = await readPage<ScimUser>(s.t, 'Users', { startIndex: 1, count: 1 }, 'read one user');
        details.push(`Authenticated; ${page.total ?? 'an unknown number of'} account(s) readable.`);
        return { ok: true, details, missing };
      } catch (err) {
        if (!(err instanceof ScimAppError)) throw err;
        details.push(err.message + (err.hint ? ` ${err.hint}` : ''));
        if (err.status === 403) missing.push('read access to /Users (admin scope)');
        return { ok: false, details, missing };
      }
    },
    capabilities: () => s.caps(),
    async listAccounts() {
      const caps = await s.caps();
      const users = await withProbeFinding(() =>
        listAll<ScimUser>(s.t, { path: 'Users', pageSize: caps.pageSize, action: 'list users' }),
      );
      const accounts = users.map((u) => accountOf(s, u, 'list users'));
      // Servers that do not return User.groups still list Group.members: fill memberships from those.
      if (caps.groups && accounts.some((a) => a.groups.length === 0)) {
        const byId = new Map(accounts.map((a) => [a.remoteId, a]));
        for (const g of await withProbeFinding(() => listedGroups(s))) {
          for (const m of g.members ?? []) {
            const a = byId.get(m);
            if (a && !a.groups.includes(g.remoteId)) a.groups.push(g.remoteId);
          }
        }
      }
      return accounts;
    },
    listGroups: () => withProbeFinding(() => listGroups(s)),
    async getAccount(remoteId) {
      const action = `read user ${remoteId}`;
      const res = await s.t.request<ScimUser>({
        path: `Users/${encodeURIComponent(remoteId)}`,
        action,
        accept: [404],
      });
      if (res.status === 404) return null;
      return accountOf(s, res.body, action);
    },
    async create(spec) {
      const r = await createUser(s, spec);
      return done(r.account, r.adopted);
    },
    async update(remoteId, changes) {
      return done(await updateUser(s, remoteId, changes));
    },
    async setActive(remoteId, active) {
      return done(await updateUser(s, remoteId, { active }, active ? 'reactivate' : 'deactivate'));
    },
    async delete(remoteId) {
      return done(await deleteUser(s, remoteId));
    },
    async addToGroup(groupId, memberIds) {
      return done(await changeMembers(s, groupId, memberIds, 'add'));
    },
    async removeFromGroup(groupId, memberIds) {
      return done(await changeMembers(s, groupId, memberIds, 'remove'));
    },
    requestCount: () => s.t.requestCount(),
  };
};
