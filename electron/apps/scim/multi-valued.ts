// Multi-valued SCIM attributes (emails, roles) that hold values Lanyard does not manage — a home email, an extra
// role an admin granted by hand. Lanyard manages ONE value of each: the one it reads as the account's email
// (the work email, else the primary, else the first) or role (the primary, else the first). These helpers change
// only that value: as an RFC 7644 §3.5.2 value-path PATCH (`emails[type eq "work"].value`), or as the whole list
// as read with only that value changed (PUT, and servers that do not honour value paths).
import { scimString, type PatchOperation, type ScimMultiValue, type ScimUser } from './wire';

export const values = (list: ScimMultiValue[] | undefined): ScimMultiValue[] =>
  Array.isArray(list) ? list : [];

export const primaryFirst = (list: ScimMultiValue[]): ScimMultiValue[] =>
  [...list].sort((a, b) => Number(b.primary === true) - Number(a.primary === true));

/** Where Lanyard's value sits in a multi-valued attribute, and the RFC 7644 value path that selects it alone. */
interface Managed {
  index: number;
  /** `emails[type eq "work"]`: selects exactly this item (no sub-attribute). */
  filter: string;
  /** The value path of its `value` sub-attribute, when the filter can name one (a type or primary filter). */
  valuePath: string | null;
}

const onlyOne = (list: ScimMultiValue[], test: (v: ScimMultiValue) => boolean): number => {
  const hits = list.flatMap((v, i) => (test(v) ? [i] : []));
  return hits.length === 1 ? hits[0]! : -1;
};

const byValue = (attr: string, list: ScimMultiValue[], index: number): Managed => ({
  index,
  filter: `${attr}[value eq ${scimString(String(list[index]!.value))}]`,
  // scimmy (and others) re-evaluate a value filter after the change, so a `.value` sub-path never matches: the
  // whole item is replaced instead.
  valuePath: null,
});

/** The email Lanyard manages: the work email (what it creates), else the primary one, else the first. */
export const managedEmail = (current: ScimUser): Managed | null => {
  const list = values(current.emails);
  const work = onlyOne(list, (e) => typeof e.type === 'string' && e.type.toLowerCase() === 'work');
  if (work >= 0)
    return { index: work, filter: 'emails[type eq "work"]', valuePath: 'emails[type eq "work"].value' };
  if (list.some((e) => typeof e.type === 'string' && e.type.toLowerCase() === 'work'))
    return byValue(
      'emails',
      list,
      list.findIndex((e) => e.type?.toLowerCase() === 'work'),
    );
  const primary = onlyOne(list, (e) => e.primary === true);
  if (primary >= 0)
    return { index: primary, filter: 'emails[primary eq true]', valuePath: 'emails[primary eq true].value' };
  return list.length ? byValue('emails', list, 0) : null;
};

/** The role Lanyard manages: the primary role (what it creates), else the first — the one it reads as the role. */
export const managedRole = (current: ScimUser): Managed | null => {
  const list = values(current.roles);
  const primary = onlyOne(list, (r) => r.primary === true);
  if (primary >= 0)
    return { index: primary, filter: 'roles[primary eq true]', valuePath: 'roles[primary eq true].value' };
  return list.length ? byValue('roles', list, list.indexOf(primaryFirst(list)[0]!)) : null;
};

/** The list as read with only Lanyard's value changed (null: removed); other values are kept as they are. */
const mergeList = (
  list: ScimMultiValue[],
  managed: Managed | null,
  next: string | null,
  fresh: ScimMultiValue,
): ScimMultiValue[] => {
  if (!managed) return next === null ? list : [...list, fresh];
  if (next === null) return list.filter((_, i) => i !== managed.index);
  return list.map((v, i) => (i === managed.index ? { ...v, value: next } : v));
};

export const mergeEmails = (current: ScimUser, email: string | null): ScimMultiValue[] => {
  const list = values(current.emails);
  return mergeList(list, managedEmail(current), email, {
    value: email,
    type: 'work',
    primary: !list.some((e) => e.primary === true),
  });
};

export const mergeRoles = (current: ScimUser, role: string | null): ScimMultiValue[] => {
  const list = values(current.roles);
  return mergeList(list, managedRole(current), role, {
    value: role,
    primary: !list.some((r) => r.primary === true),
  });
};

/** Value-path operations that change Lanyard's value of a multi-valued attribute and nothing else. */
export const multiValuedOps = (
  attr: 'emails' | 'roles',
  managed: Managed | null,
  list: ScimMultiValue[],
  next: string | null,
  fresh: ScimMultiValue,
): PatchOperation[] => {
  if (!managed) return next === null ? [] : [{ op: 'add', path: attr, value: [fresh] }];
  if (next === null) return [{ op: 'remove', path: managed.filter }];
  if (managed.valuePath) return [{ op: 'replace', path: managed.valuePath, value: next }];
  return [{ op: 'replace', path: managed.filter, value: { ...list[managed.index], value: next } }];
};

/** Whole-list operations for servers that do not honour value paths: the list as read, with one value changed. */
export const wholeListOps = (attr: 'emails' | 'roles', merged: ScimMultiValue[]): PatchOperation[] =>
  merged.length ? [{ op: 'replace', path: attr, value: merged }] : [{ op: 'remove', path: attr }];
