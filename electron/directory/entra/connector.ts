// The Microsoft Entra ID connector (issue #3) over Microsoft Graph: full reads list users ($select incl.
// accountEnabled, $top ≤ 999), groups and group members; the cursor is a pair of delta links taken *before* the
// listing (so changes made during it are replayed, not lost); incremental reads use the delta queries, and an
// expired delta token (410 / syncStateNotFound) falls back to a full read. Kill switch: accountEnabled=false and
// revokeSignInSessions. Status mapping: see ./map.ts.
import { errorText } from '../../app/errors';
import { HttpError } from '../../http';
import type { CheckResult, CreateDirectoryConnector, DirectoryConnector, DirectorySnapshot } from '../types';
import { mapLimit } from '../concurrency';
import { createGraphApi } from './api';
import type { EntraConfig } from './auth';
import {
  decodeEntraCursor,
  encodeEntraCursor,
  isExpiredDelta,
  latestDeltaLinks,
  readEntraChanges,
} from './delta';
import {
  GRAPH_USER_SELECT,
  graphGroup,
  graphPerson,
  isGraphObject,
  isUserMember,
  type GraphGroupJson,
  type GraphUserJson,
} from './map';

const MAX_TOP = 999;

export const createEntraConnector: CreateDirectoryConnector<EntraConfig> = (config, deps) => {
  const api = createGraphApi(config, deps);
  const concurrency = config.concurrency ?? 4;
  const top = Math.min(MAX_TOP, config.pageSize ?? MAX_TOP);

  const readAll = async (): Promise<DirectorySnapshot> => {
    const before = api.requests();
    const cursor = await latestDeltaLinks(api);
    const [users, groups] = await Promise.all([
      api.all('users', { $select: GRAPH_USER_SELECT.join(','), $top: top }, 'list users', isGraphObject),
      api.all('groups', { $select: 'id,displayName,description', $top: top }, 'list groups', isGraphObject),
    ]);
    const people = new Map((users.items as GraphUserJson[]).map((u) => [u.id, graphPerson(u)]));
    const groupList = groups.items as GraphGroupJson[];
    const members = await mapLimit(groupList, concurrency, (g) =>
      api.all(
        `groups/${encodeURIComponent(g.id)}/members`,
        { $select: 'id', $top: top },
        `list members of group ${g.displayName ?? g.id}`,
        isGraphObject,
      ),
    );
    const memberships: [string, string][] = [];
    groupList.forEach((g, i) => {
      for (const m of members[i]!.items as { id: string; '@odata.type'?: string }[])
        if (isUserMember(m) && people.has(m.id)) memberships.push([g.id, m.id]);
    });
    return {
      people: [...people.values()],
      groups: groupList.map(graphGroup),
      memberships,
      cursor: encodeEntraCursor(cursor),
      requests: api.requests() - before,
    };
  };

  const probe = async (
    path: string,
    what: string,
    permission: string,
  ): Promise<{ ok: boolean; detail: string; missing?: string; fatal?: boolean }> => {
    try {
      await api.request({ path, query: { $top: 1, $select: 'id' }, label: `read ${what}` });
      return { ok: true, detail: `Can read ${what}` };
    } catch (err) {
      if (err instanceof HttpError && err.status === 403)
        return {
          ok: false,
          detail: `Cannot read ${what}: the app lacks ${permission} (application permission with admin consent)`,
          missing: permission,
        };
      return { ok: false, detail: errorText(err), fatal: true };
    }
  };

  const connector: DirectoryConnector = {
    kind: 'entra',
    async test(): Promise<CheckResult> {
      const users = await probe('users', 'users', 'User.Read.All');
      const results = users.fatal
        ? [users]
        : [users, await probe('groups', 'groups', 'GroupMember.Read.All')];
      const details = [
        `App ${config.auth.clientId} (${config.auth.type === 'certificate' ? 'certificate' : 'client secret'}) in tenant ${config.tenantId}`,
        ...results.map((r) => r.detail),
      ];
      return {
        ok: results.every((r) => r.ok),
        details,
        missing: results.flatMap((r) => (r.missing ? [r.missing] : [])),
      };
    },
    readAll,
    async readChanges(cursor) {
      const parsed = cursor ? decodeEntraCursor(cursor) : null;
      if (!parsed) {
        const snapshot = await readAll();
        return {
          mode: 'full',
          snapshot,
          reason: cursor ? 'the stored cursor is not a Graph delta cursor' : 'no previous read',
          requests: snapshot.requests,
        };
      }
      const before = api.requests();
      try {
        const { changes, cursor: next } = await readEntraChanges(api, parsed);
        return { mode: 'delta', changes, cursor: encodeEntraCursor(next), requests: api.requests() - before };
      } catch (err) {
        if (!isExpiredDelta(err)) throw err;
        deps.log.info('delta token expired; reading everything', { error: (err as Error).message });
        const snapshot = await readAll();
        return {
          mode: 'full',
          snapshot,
          reason: 'Graph expired the delta token (full resync required)',
          requests: api.requests() - before,
        };
      }
    },
    async suspend(personId) {
      await api.request({
        method: 'PATCH',
        path: `users/${encodeURIComponent(personId)}`,
        json: { accountEnabled: false },
        expect: 'none',
        retryUnsafe: true,
        label: `disable sign-in of user ${personId}`,
      });
    },
    async revokeSessions(personId) {
      // Documented to answer 200 {"value": true} though it should be 204 (Graph known issue): any 2xx is success.
      await api.request({
        method: 'POST',
        path: `users/${encodeURIComponent(personId)}/revokeSignInSessions`,
        expect: 'none',
        retryUnsafe: true,
        label: `revoke sign-in sessions of user ${personId}`,
      });
    },
  };
  return connector;
};
