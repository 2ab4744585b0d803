// The GitHub organization connector (orgs without Enterprise Managed Users; REST API, docs/api-contracts.md §6):
// the AppConnector interface over org members, pending invitations and teams.
//
// How GitHub's model maps onto Lanyard's:
// - An account is an org member (remoteId = GitHub's numeric user id, userName = the current login, read fresh)
//   or a pending invitation (remoteId `invitation:<id>`, active, `pending: true`), so a sync never invites the same
//   person twice and a renamed login is the same account. Writes look the login up from the id. A failed (expired)
//   invitation is the same `invitation:<id>`, inactive: the planner proposes reactivating it, which sends it again.
// - People are matched by the GitHub login or user id held in the directory attribute `usernameAttribute` (default
//   githubUsername) and passed as AccountSpec.userName; without one, the invitation goes to their email (the
//   member who accepts it is linked by what Lanyard remembers: electron/sync/github-owners.ts).
// - Groups are teams, by slug. GitHub has no batch endpoint: one request per member and team.
// - GitHub orgs have no "suspended" member: deactivating removes the person from the org (and all its teams);
//   reactivating invites them again. Delete also removes from the org, or cancels a pending invitation.
// - The profile (name, email) belongs to the GitHub user, not the org: update() changes only the org role.
// - The connector only removes whom it is asked to; members no rule matches are reported by the sync engine.
import type { AppCapabilities, AppConnector, ConnectorDeps, CreateAppConnector } from '../types';
import type { GithubAppConfig } from '../types-config';
import { checkConnection } from './check';
import {
  findFailedInvitationById,
  findInvitationById,
  listAccounts,
  listGroups,
  membershipOf,
  readMember,
  userOf,
} from './read';
import { failedInvitationAccount, invitationAccount, invitationIdOf } from './wire';
import { createGithubTransport, PAGE_SIZE, type GithubTransport } from './transport';
import { createAccount } from './invite';
import { changeTeam, removeAccount, setActive, setRole } from './write';

export interface GithubConnector extends AppConnector {
  readonly kind: 'github';
  readonly transport: GithubTransport;
}

export const githubCapabilities = (): AppCapabilities => ({
  kind: 'github',
  update: 'put-only',
  filter: false,
  groups: true,
  etag: false,
  enterpriseExtension: false,
  pageSize: PAGE_SIZE,
  deleteMeans: 'delete',
  sources: ['preset'],
});

const done = <T>(state: T, adopted?: boolean) => ({
  manual: false as const,
  state,
  ...(adopted ? { adopted } : {}),
});

const make = (config: GithubAppConfig, deps: ConnectorDeps): GithubConnector => {
  const t = createGithubTransport(config, deps);
  const log = deps.log.child(`app:${config.id}`);
  return {
    kind: 'github',
    appId: config.id,
    transport: t,
    test: () => checkConnection(t),
    // Fixed: GitHub's REST API is the same for every org (stored probe results do not apply).
    capabilities: () => Promise.resolve(githubCapabilities()),
    listAccounts: () => listAccounts(t),
    listGroups: () => listGroups(t),
    // By the stable id: the user (GET /user/{id}), then their org membership; an invitation by its id. Null when
    // GitHub has no such user, they are not in the org, or the invitation is neither pending nor failed.
    async getAccount(remoteId) {
      const inv = invitationIdOf(remoteId);
      if (inv !== null) {
        const found = await findInvitationById(t, inv);
        if (found) return invitationAccount(found);
        const failed = await findFailedInvitationById(t, inv);
        return failed ? failedInvitationAccount(failed) : null;
      }
      const user = await userOf(t, remoteId);
      if (!user) return null;
      const m = await membershipOf(t, user.login);
      return m ? readMember(t, { login: user.login, remoteId: String(user.id) }, m) : null;
    },
    async create(spec) {
      const r = await createAccount(t, spec);
      return done(r.account, r.adopted);
    },
    async update(remoteId, changes) {
      const ignored = Object.keys(changes).filter(
        (k) => k !== 'role' && k !== 'active' && k !== 'externalId',
      );
      if (ignored.length)
        log.debug('GitHub profiles belong to the user; only the org role is changed', { remoteId, ignored });
      // Deactivating removes the person, so no role is set after it (a role change would invite them again).
      if (changes.active === false) return done(await setActive(t, remoteId, false));
      if (changes.active === true) {
        const back = await setActive(t, remoteId, true, changes.role);
        if (back.pending || changes.role === undefined) return done(back);
      }
      return done(await setRole(t, remoteId, changes.role));
    },
    async setActive(remoteId, active) {
      return done(await setActive(t, remoteId, active));
    },
    async delete(remoteId) {
      return done(await removeAccount(t, remoteId, 'delete'));
    },
    async addToGroup(groupId, memberIds) {
      return done(await changeTeam(t, groupId, memberIds, 'add'));
    },
    async removeFromGroup(groupId, memberIds) {
      return done(await changeTeam(t, groupId, memberIds, 'remove'));
    },
    requestCount: () => t.requestCount(),
  };
};

export const createGithubConnector: CreateAppConnector<GithubAppConfig> = make;
