// Maps an Auth0 user (api-contracts.md §4.2) and role to Lanyard's plain shapes.
// Auth0 has no HR fields: department, title, manager and employee number are read from app_metadata (keys
// department, title, manager, employee_number / employeeNumber), which admins (or their HR sync) control.
import type { DirectoryGroup, DirectoryPerson } from '../types';

type AttrValue = string | number | boolean | null | string[];

export interface Auth0User {
  user_id: string;
  email?: string;
  email_verified?: boolean;
  username?: string;
  name?: string;
  nickname?: string;
  given_name?: string;
  family_name?: string;
  blocked?: boolean;
  created_at?: string;
  updated_at?: string;
  last_login?: string;
  logins_count?: number;
  identities?: { connection?: string; provider?: string }[];
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
}

export interface Auth0Role {
  id: string;
  name: string;
  description?: string;
}

const str = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;

/** Nested metadata becomes dotted keys; arrays of scalars become string lists; anything else JSON text. */
const flatten = (prefix: string, value: unknown, into: Record<string, AttrValue>): void => {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
    into[prefix] = value as AttrValue;
  else if (Array.isArray(value))
    into[prefix] = value.every((v) => v === null || typeof v !== 'object')
      ? value.map(String)
      : JSON.stringify(value);
  else if (typeof value === 'object')
    for (const [k, v] of Object.entries(value as object)) flatten(`${prefix}.${k}`, v, into);
};

export const mapAuth0User = (u: Auth0User): DirectoryPerson => {
  const app = u.app_metadata ?? {};
  const attributes: Record<string, AttrValue> = {
    username: u.username ?? null,
    nickname: u.nickname ?? null,
    connection: u.identities?.[0]?.connection ?? null,
    provider: u.identities?.[0]?.provider ?? null,
    // Kept for the explainer only: an unverified email does not change whether someone is active.
    emailVerified: u.email_verified ?? null,
    createdAt: u.created_at ?? null,
    lastLogin: u.last_login ?? null,
    loginsCount: u.logins_count ?? null,
  };
  flatten('app_metadata', app, attributes);
  flatten('user_metadata', u.user_metadata ?? {}, attributes);
  return {
    id: u.user_id,
    login: u.email ?? u.username ?? u.user_id,
    email: str(u.email),
    givenName: str(u.given_name),
    familyName: str(u.family_name),
    displayName: str(u.name),
    department: str(app.department),
    title: str(app.title),
    manager: str(app.manager),
    employeeNumber: str(app.employee_number ?? app.employeeNumber),
    // Auth0's only account state is `blocked` (set by an admin or the kill switch); everything else is active.
    status: u.blocked ? 'suspended' : 'active',
    vendorStatus: u.blocked ? 'blocked' : 'active',
    statusChangedAt: null,
    attributes,
  };
};

/** Auth0 has no groups; roles are what admins assign to say "this person is in Engineering", so they become groups. */
export const mapAuth0Role = (r: Auth0Role): DirectoryGroup => ({
  id: r.id,
  name: r.name,
  description: str(r.description),
});
