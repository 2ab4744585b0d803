// Contract methods of the People page (issue #7 point 2), merged into shared/api/contract.ts: the whole directory
// × apps matrix in one compact read (`people.list`, built to stay fast for 10,000+ people) and one person's full
// profile (`people.get`).
import { z } from 'zod';
import { method } from './define';
import type { DirectoryKindName, DirectoryPersonStatus } from './methods-directory';

/** One person's standing in one app, as the matrix shows it. */
export interface PersonAppCell {
  appId: string;
  /** The account is active in the app (false: it exists but is deactivated). */
  active: boolean;
  role: string | null;
  /** An invitation not yet accepted, or a planned/held change for this person in this app. */
  pending: boolean;
  /** A task to do by hand is open for this person in this (manual) app: the account is not what it should be yet. */
  byHand?: boolean;
}

export interface PeopleListPerson {
  id: string;
  login: string;
  email: string | null;
  displayName: string | null;
  status: DirectoryPersonStatus;
  statusChangedAt: string | null;
  department: string | null;
  title: string | null;
  /** Group ids (see `groups` of the list for names). */
  groups: string[];
  /** Only apps where the person has an account or a pending change; an absent app = none. */
  accounts: PersonAppCell[];
}

export interface PeopleListGroup {
  id: string;
  name: string;
}

export interface PeopleListApp {
  id: string;
  name: string;
  kind: 'scim' | 'github' | 'manual';
}

/** An app account that matches nobody in the directory. */
export interface OrphanAccount {
  appId: string;
  remoteId: string;
  userName: string;
  email: string | null;
  active: boolean;
  role: string | null;
}

export interface PeopleListDirectory {
  name: string;
  kind: DirectoryKindName;
  lastReadAt: string | null;
  health: 'unknown' | 'ok' | 'degraded' | 'error';
  healthDetail: string | null;
}

export interface PeopleList {
  /** null: no directory is configured yet. */
  directory: PeopleListDirectory | null;
  /** Sorted by display name, then login. */
  people: PeopleListPerson[];
  groups: PeopleListGroup[];
  apps: PeopleListApp[];
  orphans: OrphanAccount[];
}

export interface PersonAccountDetail extends PersonAppCell {
  appName: string;
  remoteId: string;
  userName: string;
  /** Remote groups or teams the account is in, where the app says. */
  groups: string[];
  /** When Lanyard last read or wrote the account. */
  seenAt: string;
}

export interface PersonDetail {
  id: string;
  login: string;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  department: string | null;
  title: string | null;
  manager: string | null;
  employeeNumber: string | null;
  status: DirectoryPersonStatus;
  /** The IdP's own status word (e.g. Okta LOCKED_OUT). */
  vendorStatus: string;
  statusChangedAt: string | null;
  /** Every other profile attribute, flat. */
  attributes: Record<string, string | number | boolean | null | string[]>;
  groups: { id: string; name: string; description: string | null }[];
  accounts: PersonAccountDetail[];
}

export const peopleMethods = {
  'people.list': method<PeopleList>()({
    input: z.object({}).strict(),
    summary: 'Everyone in the directory with their groups and app accounts, in one read',
  }),
  'people.get': method<PersonDetail>()({
    input: z.object({ id: z.string().min(1).max(200) }).strict(),
    summary: 'One person’s profile, groups and app accounts',
  }),
} as const;
