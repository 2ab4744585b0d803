// Okta users and groups → Lanyard's directory model.
//
// Status mapping (issue #3; Okta UserStatus enum, docs/api-contracts.md §1.4):
//
// | Okta status                                           | Lanyard      | why                                         |
// |-------------------------------------------------------|--------------|---------------------------------------------|
// | ACTIVE, PASSWORD_EXPIRED, LOCKED_OUT, RECOVERY        | active       | still an employee; only their login is stuck |
// | STAGED, PROVISIONED                                   | staged       | created but not yet activated                |
// | SUSPENDED                                             | suspended    | access paused by an admin                    |
// | DEPROVISIONED                                         | deprovisioned| deactivated: a leaver                        |
// | (gone from the org: user.lifecycle.delete.*)          | deleted      | set by the delta (person-removed)            |
// | anything else (e.g. transitional ACTIVATING)          | staged       | not yet a confirmed member; kept verbatim    |
import type { DirectoryGroup, DirectoryPerson, PersonStatus } from '../types';

export const OKTA_STATUS_MAP: Readonly<Record<string, PersonStatus>> = {
  ACTIVE: 'active',
  PASSWORD_EXPIRED: 'active',
  LOCKED_OUT: 'active',
  RECOVERY: 'active',
  STAGED: 'staged',
  PROVISIONED: 'staged',
  SUSPENDED: 'suspended',
  DEPROVISIONED: 'deprovisioned',
};

export const oktaStatus = (vendor: string): PersonStatus => OKTA_STATUS_MAP[vendor] ?? 'staged';

export interface OktaUserJson {
  id: string;
  status: string;
  statusChanged?: string | null;
  profile?: Record<string, unknown>;
}

export interface OktaGroupJson {
  id: string;
  profile?: { name?: string; description?: string | null };
}

const MAPPED = new Set([
  'login',
  'email',
  'firstName',
  'lastName',
  'displayName',
  'department',
  'title',
  'managerId',
  'manager',
  'employeeNumber',
]);

type AttrValue = DirectoryPerson['attributes'][string];
const attrValue = (v: unknown): AttrValue | undefined => {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(String);
  return undefined;
};
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export const isOktaUser = (v: unknown): v is OktaUserJson =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as OktaUserJson).id === 'string' &&
  typeof (v as OktaUserJson).status === 'string';

export const isOktaGroup = (v: unknown): v is OktaGroupJson =>
  !!v && typeof v === 'object' && typeof (v as OktaGroupJson).id === 'string';

export const oktaPerson = (u: OktaUserJson): DirectoryPerson => {
  const p = u.profile ?? {};
  const attributes: DirectoryPerson['attributes'] = {};
  for (const [k, v] of Object.entries(p)) {
    if (MAPPED.has(k)) continue;
    const a = attrValue(v);
    if (a !== undefined) attributes[k] = a;
  }
  const given = str(p.firstName);
  const family = str(p.lastName);
  return {
    id: u.id,
    login: str(p.login) ?? u.id,
    email: str(p.email),
    givenName: given,
    familyName: family,
    displayName: str(p.displayName) ?? ([given, family].filter(Boolean).join(' ') || null),
    department: str(p.department),
    title: str(p.title),
    manager: str(p.managerId) ?? str(p.manager),
    employeeNumber: str(p.employeeNumber),
    status: oktaStatus(u.status),
    vendorStatus: u.status,
    statusChangedAt: str(u.statusChanged),
    attributes,
  };
};

export const oktaGroup = (g: OktaGroupJson): DirectoryGroup => ({
  id: g.id,
  name: g.profile?.name ?? g.id,
  description: g.profile?.description ?? null,
});
