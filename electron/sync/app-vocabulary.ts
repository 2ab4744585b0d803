// What an app reports it has — roles, and teams (GitHub) or groups (SCIM) — so the Access rules page can offer them
// as choices and say when a rule names one the app does not have ("Slack does not report a role 'admni'"). Pure:
// built from the accounts Lanyard last read and, where the caller listed them, the app's own groups/teams (a read).
// Unknown is never empty: an app never read, a SCIM app with no accounts, or groups never listed give `null`, and
// nothing is flagged against a null list. Manual apps have no API: their roles and groups are free text.
import type { AppVocabulary } from '../../shared/config/rule-terms';
import type { AppAccount, AppGroup } from '../apps/types';
import type { AppConfig } from './types';

/** GitHub organization roles are fixed by GitHub. */
export const GITHUB_ROLES: readonly string[] = ['member', 'admin'];

const sortedUnique = (xs: Iterable<string>): string[] => {
  const byLower = new Map<string, string>();
  for (const x of xs) if (x && !byLower.has(x.toLowerCase())) byLower.set(x.toLowerCase(), x);
  return [...byLower.values()].sort((a, b) => a.localeCompare(b));
};

/**
 * The vocabulary of one app. `accounts`: the last read (null: never read). `listed`: the app's groups or teams as
 * just listed, the error if listing failed, or undefined when not asked.
 */
export const appVocabulary = (
  app: AppConfig,
  accounts: readonly Pick<AppAccount, 'role' | 'groups'>[] | null,
  listed?: readonly AppGroup[] | Error,
): AppVocabulary => {
  const base = { appId: app.id, appName: app.name, kind: app.kind, accounts: accounts?.length ?? null };
  if (app.kind === 'manual') {
    return {
      ...base,
      roles: null,
      rolesFrom: `${app.name} is a manual app: type the role its admins use`,
      groups: null,
      groupsFrom: null,
      groupsError: null,
    };
  }
  const listError = listed instanceof Error ? listed.message : null;
  const listedGroups = listed instanceof Error ? undefined : listed;
  const seen = accounts ?? [];

  if (app.kind === 'github') {
    // Account groups are team slugs, but a team nobody is in shows on no account: only a listing is complete.
    const teams = listedGroups
      ? sortedUnique([...seen.flatMap((a) => a.groups), ...listedGroups.map((g) => g.remoteId)])
      : null;
    return {
      ...base,
      roles: [...GITHUB_ROLES],
      rolesFrom: 'GitHub organization roles',
      groups: teams,
      groupsFrom: teams === null ? null : `teams of ${app.name}`,
      groupsError: listError,
    };
  }

  // SCIM: roles as seen on accounts (an empty app proves nothing); account groups are remote ids, so group names
  // come only from a listing.
  const roles = seen.length ? sortedUnique(seen.map((a) => a.role ?? '')) : null;
  const groups = listedGroups ? sortedUnique(listedGroups.map((g) => g.displayName)) : null;
  return {
    ...base,
    roles,
    rolesFrom: roles === null ? null : `roles seen on ${seen.length} account${seen.length === 1 ? '' : 's'}`,
    groups,
    groupsFrom: groups === null ? null : `groups of ${app.name}`,
    groupsError: listError,
  };
};
