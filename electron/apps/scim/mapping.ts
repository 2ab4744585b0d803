// Between Lanyard's account model and SCIM User resources: reading (ScimUser → AppAccount) and writing
// (AccountSpec → POST body, AccountChanges → PatchOp operations or a merged PUT body).
//
// Emails and roles change only Lanyard's own value (multi-valued.ts); phone numbers and entitlements are never
// written, so they are never touched.
import type { AccountChanges, AccountSpec, AppAccount } from '../types';
import {
  managedEmail,
  managedRole,
  mergeEmails,
  mergeRoles,
  multiValuedOps,
  primaryFirst,
  values,
  wholeListOps,
} from './multi-valued';
import { URN, type PatchOperation, type ScimEnterprise, type ScimMultiValue, type ScimUser } from './wire';

const str = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;

/** Vendors send active as a boolean, "True"/"False" strings, or leave it out (meaning active). */
const bool = (v: unknown): boolean => (typeof v === 'string' ? v.toLowerCase() !== 'false' : v !== false);

/** A resource without an id or userName cannot be tracked; callers treat that as a malformed response. */
export const toAppAccount = (u: ScimUser): AppAccount | null => {
  const remoteId = str(u.id);
  const userName = str(u.userName);
  if (!remoteId || !userName) return null;
  const role =
    primaryFirst(values(u.roles))
      .map((r) => str(r.value))
      .find((r) => r !== null) ?? null;
  return {
    remoteId,
    userName,
    emails: primaryFirst(values(u.emails))
      .map((e) => str(e.value))
      .filter((e): e is string => e !== null),
    externalId: str(u.externalId),
    active: bool(u.active),
    role,
    groups: values(u.groups)
      .map((g) => str(g.value))
      .filter((g): g is string => g !== null),
    displayName: str(u.displayName),
  };
};

const enterpriseOf = (s: AccountSpec): ScimEnterprise | undefined => {
  const ext: ScimEnterprise = {};
  if (typeof s.department === 'string') ext.department = s.department;
  if (typeof s.employeeNumber === 'string') ext.employeeNumber = s.employeeNumber;
  if (s.manager) ext.manager = { value: s.manager };
  return Object.keys(ext).length ? ext : undefined;
};

const nameOf = (s: Partial<AccountSpec>): ScimUser['name'] | undefined => {
  const name: NonNullable<ScimUser['name']> = {};
  if (s.givenName) name.givenName = s.givenName;
  if (s.familyName) name.familyName = s.familyName;
  return Object.keys(name).length ? name : undefined;
};

const emailsOf = (email: string): ScimMultiValue[] => [{ value: email, type: 'work', primary: true }];

/** The POST /Users body: externalId is the directory person id. */
export const toScimUser = (spec: AccountSpec, opts: { enterprise: boolean }): ScimUser => {
  const ext = opts.enterprise ? enterpriseOf(spec) : undefined;
  const user: ScimUser = {
    schemas: ext ? [URN.user, URN.enterprise] : [URN.user],
    userName: spec.userName,
    externalId: spec.externalId,
    active: spec.active ?? true,
  };
  const name = nameOf(spec);
  if (name) user.name = name;
  if (spec.displayName) user.displayName = spec.displayName;
  if (spec.title) user.title = spec.title;
  if (spec.email) user.emails = emailsOf(spec.email);
  if (spec.role) user.roles = [{ value: spec.role, primary: true }];
  if (ext) user[URN.enterprise] = ext;
  return user;
};

export interface PatchOptions {
  enterprise: boolean;
  /**
   * The user as just read: needed to change emails or roles without touching the values Lanyard does not manage.
   * Without it, those changes are left out (the caller reads the user first whenever they are asked for).
   */
  current?: ScimUser;
  /** The server ignores or refuses value paths: send the whole list as read, with only Lanyard's value changed. */
  wholeLists?: boolean;
}

/** RFC 7644 §3.5.2 operations for the attributes that change; null clears (remove). */
export const toPatchOps = (c: AccountChanges, opts: PatchOptions): PatchOperation[] => {
  const ops: PatchOperation[] = [];
  const set = (path: string, v: unknown): void => {
    if (v === undefined) return;
    ops.push(v === null ? { op: 'remove', path } : { op: 'replace', path, value: v });
  };
  set('userName', c.userName);
  set('externalId', c.externalId);
  set('displayName', c.displayName);
  set('title', c.title);
  set('name.givenName', c.givenName);
  set('name.familyName', c.familyName);
  const cur = opts.current;
  if (c.email !== undefined && cur) {
    const email = c.email;
    if (opts.wholeLists) ops.push(...wholeListOps('emails', mergeEmails(cur, email)));
    else {
      // Lanyard manages one of the emails whenever there are any: a new one is the only one, so primary.
      const fresh = { value: email, type: 'work', primary: true };
      ops.push(...multiValuedOps('emails', managedEmail(cur), values(cur.emails), email, fresh));
    }
  }
  if (c.role !== undefined && cur) {
    const role = c.role;
    if (opts.wholeLists) ops.push(...wholeListOps('roles', mergeRoles(cur, role)));
    else {
      const fresh = { value: role, primary: true };
      ops.push(...multiValuedOps('roles', managedRole(cur), values(cur.roles), role, fresh));
    }
  }
  if (c.active !== undefined) ops.push({ op: 'replace', path: 'active', value: c.active });
  if (opts.enterprise) {
    set(`${URN.enterprise}:department`, c.department);
    set(`${URN.enterprise}:employeeNumber`, c.employeeNumber);
    if (c.manager !== undefined)
      set(`${URN.enterprise}:manager`, c.manager === null ? null : { value: c.manager });
  }
  return ops;
};

/** Whether the account as the app now shows it carries the email and role Lanyard set (clearing is not checked). */
export const showsChanges = (a: AppAccount, c: AccountChanges): boolean => {
  const same = (x: string, y: string): boolean => x.toLowerCase() === y.toLowerCase();
  const { email, role } = c;
  if (typeof email === 'string' && !a.emails.some((e) => same(e, email))) return false;
  if (typeof role === 'string' && (a.role === null || !same(a.role, role))) return false;
  return true;
};

/** Attributes the server owns; a PUT must not send them back. */
const READ_ONLY = new Set(['meta', 'groups']);

/**
 * The PUT body for servers without PATCH: the resource as fetched, with Lanyard's changes laid over it. Everything
 * Lanyard does not manage (custom extensions, phone numbers, `active` unless asked) is sent back unchanged.
 */
export const mergeForPut = (
  current: ScimUser,
  c: AccountChanges,
  opts: { enterprise: boolean },
): ScimUser => {
  const next: ScimUser = Object.fromEntries(Object.entries(current).filter(([k]) => !READ_ONLY.has(k)));
  const put = (key: string, v: unknown): void => {
    if (v === undefined) return;
    if (v === null) delete next[key];
    else next[key] = v;
  };
  put('userName', c.userName);
  put('externalId', c.externalId);
  put('displayName', c.displayName);
  put('title', c.title);
  if (c.givenName !== undefined || c.familyName !== undefined) {
    const name = { ...(current.name ?? {}) };
    if (c.givenName !== undefined) name.givenName = c.givenName ?? undefined;
    if (c.familyName !== undefined) name.familyName = c.familyName ?? undefined;
    next.name = JSON.parse(JSON.stringify(name)) as ScimUser['name'];
  }
  if (c.email !== undefined) {
    const merged = mergeEmails(current, c.email);
    put('emails', merged.length ? merged : null);
  }
  if (c.role !== undefined) {
    const merged = mergeRoles(current, c.role);
    put('roles', merged.length ? merged : null);
  }
  if (c.active !== undefined) next.active = c.active;
  if (
    opts.enterprise &&
    (c.department !== undefined || c.employeeNumber !== undefined || c.manager !== undefined)
  ) {
    const ext: ScimEnterprise = { ...(current[URN.enterprise] ?? {}) };
    if (c.department !== undefined) {
      if (c.department === null) delete ext.department;
      else ext.department = c.department;
    }
    if (c.employeeNumber !== undefined) {
      if (c.employeeNumber === null) delete ext.employeeNumber;
      else ext.employeeNumber = c.employeeNumber;
    }
    if (c.manager !== undefined) {
      if (c.manager === null) delete ext.manager;
      else ext.manager = { value: c.manager };
    }
    next[URN.enterprise] = ext;
    const schemas = new Set(next.schemas ?? [URN.user]);
    schemas.add(URN.enterprise);
    next.schemas = [...schemas];
  }
  if (!next.schemas) next.schemas = [URN.user];
  return next;
};
