// What each identity provider must grant Lanyard, by the vendor's own names, with the calls each grant is for and
// what fails without it. Taken from what the connectors call (electron/directory/*): reads of users, groups and
// members on every full sync, the incremental source on every poll (Okta's System Log, Graph delta queries), and
// the kill switch of offboarding (suspend, end sessions). test/unit/directory/settings-needs.test.ts keeps the
// names equal to the connectors' own.
import type { DirectoryKind } from '../config/workspace';

export interface DirectoryGrant {
  /** The scope, permission or admin role as the vendor names it. */
  grant: string;
  /** What Lanyard does with it. */
  for: string;
  /** What fails without it. */
  without: string;
  /** False: only the kill switch needs it; reading the directory works without. */
  required: boolean;
}

export interface DirectoryNeeds {
  /** Where the admin grants these, in the vendor's console. */
  where: string;
  grants: DirectoryGrant[];
  note?: string;
}

const EVERY_READ_FAILS = 'every directory read fails, so no sync runs and nothing changes in any app';
const KILL_SWITCH_FAILS =
  'offboarding cannot do this in the IdP; the case stays open until it is done by hand';

const okta = (authType: string): DirectoryNeeds =>
  authType === 'oauth'
    ? {
        where:
          'Okta Admin Console → Applications → (the service app) → Okta API Scopes, and Admin roles for the app',
        grants: [
          {
            grant: 'okta.users.read',
            for: 'list people, including deactivated ones (GET /api/v1/users)',
            without: EVERY_READ_FAILS,
            required: true,
          },
          {
            grant: 'okta.groups.read',
            for: 'list groups and their members (GET /api/v1/groups)',
            without: EVERY_READ_FAILS,
            required: true,
          },
          {
            grant: 'okta.logs.read',
            for: 'read what changed since the last poll from the System Log (GET /api/v1/logs)',
            without:
              'every poll fails; only full syncs read the directory, so leavers are revoked later than they could be',
            required: true,
          },
          {
            grant: 'okta.users.manage',
            for: 'the kill switch: suspend a leaver and end their sessions',
            without: KILL_SWITCH_FAILS,
            required: false,
          },
        ],
        note: 'Okta also checks the service app’s admin role: assign it Read-only Administrator to read, or a role that may manage users for the kill switch.',
      }
    : {
        where: 'Okta Admin Console → Security → API → Tokens (created by the admin whose role it carries)',
        grants: [
          {
            grant: 'Read-only Administrator role',
            for: 'list people, groups and members (GET /api/v1/users, /api/v1/groups) and read the System Log on every poll (GET /api/v1/logs)',
            without: `Okta answers 403 (E0000006): ${EVERY_READ_FAILS}`,
            required: true,
          },
          {
            grant: 'a role that may manage users (e.g. Organization Administrator)',
            for: 'the kill switch: suspend a leaver and end their sessions',
            without: KILL_SWITCH_FAILS,
            required: false,
          },
        ],
        note: 'An API token acts with the admin role of the person who created it, and stops working when that admin is deactivated.',
      };

const entra: DirectoryNeeds = {
  where:
    'Microsoft Entra admin center → App registrations → (the app) → API permissions: Microsoft Graph application permissions, then “Grant admin consent”',
  grants: [
    {
      grant: 'User.Read.All',
      for: 'list people and read their changes on every poll (GET /users, /users/delta)',
      without: EVERY_READ_FAILS,
      required: true,
    },
    {
      grant: 'GroupMember.Read.All',
      for: 'list groups and members and their changes (GET /groups, /groups/{id}/members, /groups/delta); Group.Read.All also covers it',
      without: EVERY_READ_FAILS,
      required: true,
    },
    {
      grant: 'User.ReadWrite.All',
      for: 'the kill switch: block sign-in (accountEnabled = false) and revoke sign-in sessions',
      without: KILL_SWITCH_FAILS,
      required: false,
    },
  ],
  note: 'Lanyard reads no sign-in or audit logs, so AuditLog.Read.All is not needed.',
};

const google: DirectoryNeeds = {
  where:
    'Google Admin console → Security → API controls → Domain-wide delegation, for the service account’s client ID',
  grants: [
    {
      grant: 'admin.directory.user.readonly',
      for: 'list people (users.list)',
      without: EVERY_READ_FAILS,
      required: true,
    },
    {
      grant: 'admin.directory.group.readonly',
      for: 'list groups and their members (groups.list, members.list)',
      without: EVERY_READ_FAILS,
      required: true,
    },
    {
      grant: 'admin.directory.user',
      for: 'the kill switch: suspend a leaver',
      without: KILL_SWITCH_FAILS,
      required: false,
    },
    {
      grant: 'admin.directory.user.security',
      for: 'the kill switch: sign a leaver out of their sessions',
      without: KILL_SWITCH_FAILS,
      required: false,
    },
  ],
  note: 'The admin email must be a Workspace admin allowed to read users and groups: the service account acts as that admin.',
};

const auth0: DirectoryNeeds = {
  where:
    'Auth0 Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications (the app, its scopes)',
  grants: [
    {
      grant: 'read:users',
      for: 'list people (GET /api/v2/users)',
      without: EVERY_READ_FAILS,
      required: true,
    },
    {
      grant: 'read:roles',
      for: 'list roles, which Lanyard treats as groups (GET /api/v2/roles)',
      without: EVERY_READ_FAILS,
      required: true,
    },
    {
      grant: 'read:role_members',
      for: 'list the people of each role (GET /api/v2/roles/{id}/users)',
      without: EVERY_READ_FAILS,
      required: true,
    },
    {
      grant: 'update:users',
      for: 'the kill switch: block a leaver',
      without: KILL_SWITCH_FAILS,
      required: false,
    },
    {
      grant: 'delete:refresh_tokens',
      for: 'the kill switch: delete a leaver’s refresh tokens',
      without: KILL_SWITCH_FAILS,
      required: false,
    },
    {
      grant: 'delete:sessions',
      for: 'the kill switch: end a leaver’s sessions (Enterprise plans only)',
      without: 'the kill switch only blocks the user and deletes refresh tokens',
      required: false,
    },
  ],
};

/** What the IdP must grant for this kind of directory and sign-in. */
export const directoryNeeds = (kind: DirectoryKind, authType: string): DirectoryNeeds => {
  switch (kind) {
    case 'okta':
      return okta(authType);
    case 'entra':
      return entra;
    case 'google':
      return google;
    case 'auth0':
      return auth0;
  }
};
