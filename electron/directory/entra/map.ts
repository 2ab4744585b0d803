// Microsoft Graph users and groups → Lanyard's directory model.
//
// Status mapping (issue #3; Graph user resource, docs/api-contracts.md §2):
//
// | Graph                                   | Lanyard   | note                                                    |
// |-----------------------------------------|-----------|---------------------------------------------------------|
// | accountEnabled = true                   | active    | `accountEnabled` is only returned when $select-ed        |
// | accountEnabled = false                  | suspended | blocked from signing in (Entra has no separate "leaver") |
// | `@removed` in a delta (changed/deleted) | deleted   | soft- or hard-deleted: the delta's person-removed        |
// | accountEnabled missing                  | active    | a user Graph lists is enabled unless it says otherwise   |
import type { DirectoryGroup, DirectoryPerson } from '../types';

export const GRAPH_USER_SELECT = [
  'id',
  'userPrincipalName',
  'mail',
  'givenName',
  'surname',
  'displayName',
  'department',
  'jobTitle',
  'employeeId',
  'accountEnabled',
];

export interface GraphUserJson {
  id: string;
  userPrincipalName?: string | null;
  mail?: string | null;
  givenName?: string | null;
  surname?: string | null;
  displayName?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  employeeId?: string | null;
  accountEnabled?: boolean | null;
  '@removed'?: { reason?: string };
}

export interface GraphGroupJson {
  id: string;
  displayName?: string | null;
  description?: string | null;
  'members@delta'?: { id: string; '@odata.type'?: string; '@removed'?: unknown }[];
  '@removed'?: { reason?: string };
}

export const isGraphObject = (v: unknown): v is { id: string } =>
  !!v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string';

export const graphPerson = (u: GraphUserJson): DirectoryPerson => ({
  id: u.id,
  login: u.userPrincipalName ?? u.mail ?? u.id,
  email: u.mail ?? null,
  givenName: u.givenName ?? null,
  familyName: u.surname ?? null,
  displayName: u.displayName ?? null,
  department: u.department ?? null,
  title: u.jobTitle ?? null,
  manager: null,
  employeeNumber: u.employeeId ?? null,
  status: u.accountEnabled === false ? 'suspended' : 'active',
  vendorStatus: u.accountEnabled === false ? 'accountEnabled=false' : 'accountEnabled=true',
  statusChangedAt: null,
  attributes: {},
});

export const graphGroup = (g: GraphGroupJson): DirectoryGroup => ({
  id: g.id,
  name: g.displayName ?? g.id,
  description: g.description ?? null,
});

export const isUserMember = (m: { '@odata.type'?: string }): boolean =>
  m['@odata.type'] === undefined || m['@odata.type'] === '#microsoft.graph.user';
