// In-memory SCIM 2.0 resources for the SCIM fake: users and groups, RFC 7644 filters (the `eq` subset plus
// `and`), PATCH application (add / replace / remove, value paths such as `emails[type eq "work"].value` and
// `members[value eq "…"]`, URN-prefixed paths) and versions for ETags.
import { randomUUID } from 'node:crypto';

export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

export type Resource = Record<string, unknown> & {
  id: string;
  meta: { resourceType: string; version: string; created: string; lastModified: string };
};

export class ScimFailure extends Error {
  constructor(
    readonly status: number,
    readonly scimType: string | undefined,
    detail: string,
  ) {
    super(detail);
  }
}

const version = (): string => `W/"${randomUUID().slice(0, 12)}"`;

/** Parses `attr eq "value"` terms joined by `and` (what provisioning clients send). */
export const parseFilter = (filter: string): { attr: string; value: string }[] => {
  const terms: { attr: string; value: string }[] = [];
  const re = /\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*(?:and\s+|$)/iy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < filter.length && (m = re.exec(filter))) {
    terms.push({ attr: m[1]!, value: m[2]!.replace(/\\(.)/g, '$1') });
    pos = re.lastIndex;
  }
  if (pos < filter.length || terms.length === 0)
    throw new ScimFailure(400, 'invalidFilter', `Unsupported filter: ${filter}`);
  return terms;
};

const CASE_INSENSITIVE = new Set(['username', 'displayname', 'emails.value']);

const attrValue = (r: Resource, attr: string): unknown[] => {
  const [head, sub] = attr.split('.');
  const key = Object.keys(r).find((k) => k.toLowerCase() === head!.toLowerCase());
  const v = key ? r[key] : undefined;
  if (sub === undefined) return [v];
  const items = Array.isArray(v) ? v : [v];
  return items.map((i) => (i && typeof i === 'object' ? (i as Record<string, unknown>)[sub] : undefined));
};

export const matchesFilter = (r: Resource, terms: { attr: string; value: string }[]): boolean =>
  terms.every(({ attr, value }) =>
    attrValue(r, attr).some(
      (v) =>
        typeof v === 'string' &&
        (CASE_INSENSITIVE.has(attr.toLowerCase()) ? v.toLowerCase() === value.toLowerCase() : v === value),
    ),
  );

export class ScimStore {
  readonly users = new Map<string, Resource>();
  readonly groups = new Map<string, Resource>();

  private stamp(r: Record<string, unknown>, type: 'User' | 'Group', id: string, created?: string): Resource {
    const now = new Date().toISOString();
    return {
      // Every resource a server returns names its schemas (seeded resources may leave them out).
      schemas: [type === 'User' ? URN.user : URN.group],
      ...r,
      id,
      meta: {
        resourceType: type,
        created: created ?? now,
        lastModified: now,
        version: version(),
        location: `/${type}s/${id}`,
      },
    } as Resource;
  }

  createUser(body: Record<string, unknown>): Resource {
    if (typeof body.userName !== 'string' || !body.userName)
      throw new ScimFailure(400, 'invalidValue', 'userName is required');
    const taken = [...this.users.values()].some(
      (u) => String(u.userName).toLowerCase() === String(body.userName).toLowerCase(),
    );
    if (taken) throw new ScimFailure(409, 'uniqueness', `userName ${body.userName} already exists`);
    const { id: _id, meta: _meta, ...rest } = body;
    const user = this.stamp({ active: true, ...rest }, 'User', randomUUID());
    this.users.set(user.id, user);
    return user;
  }

  replaceUser(id: string, body: Record<string, unknown>): Resource {
    const current = this.need(this.users, id);
    const { id: _id, meta: _meta, groups: _groups, ...rest } = body;
    const user = this.stamp(rest, 'User', id, current.meta.created);
    this.users.set(id, user);
    return user;
  }

  replaceGroup(id: string, body: Record<string, unknown>): Resource {
    const current = this.need(this.groups, id);
    const { id: _id, meta: _meta, ...rest } = body;
    const group = this.stamp({ members: [], ...rest }, 'Group', id, current.meta.created);
    this.groups.set(id, group);
    return group;
  }

  createGroup(body: Record<string, unknown>): Resource {
    if (typeof body.displayName !== 'string')
      throw new ScimFailure(400, 'invalidValue', 'displayName is required');
    const group = this.stamp({ members: [], ...body }, 'Group', randomUUID());
    this.groups.set(group.id, group);
    return group;
  }

  need(map: Map<string, Resource>, id: string): Resource {
    const r = map.get(id);
    if (!r) throw new ScimFailure(404, undefined, `Resource ${id} not found`);
    return r;
  }

  /** User resources with their read-only `groups` attribute filled from group memberships. */
  userView(u: Resource): Resource {
    const groups = [...this.groups.values()]
      .filter((g) => (g.members as { value: string }[]).some((m) => m.value === u.id))
      .map((g) => ({ value: g.id, display: g.displayName }));
    return { ...u, groups };
  }

  /** Applies a PatchOp atomically (a copy is patched, then swapped in). */
  patch(
    map: Map<string, Resource>,
    id: string,
    body: Record<string, unknown>,
    type: 'User' | 'Group',
  ): Resource {
    const current = this.need(map, id);
    if (!Array.isArray(body.schemas) || !body.schemas.includes(URN.patch))
      throw new ScimFailure(400, 'invalidSyntax', 'PatchOp schema URN missing');
    if (!Array.isArray(body.Operations)) throw new ScimFailure(400, 'invalidSyntax', 'Operations missing');
    const next = structuredClone(current) as Record<string, unknown>;
    for (const raw of body.Operations as Record<string, unknown>[]) {
      const op = String(raw.op ?? '').toLowerCase();
      const path = typeof raw.path === 'string' ? raw.path : undefined;
      if (!['add', 'replace', 'remove'].includes(op))
        throw new ScimFailure(400, 'invalidSyntax', `unknown op ${String(raw.op)}`);
      applyOp(next, op as 'add' | 'replace' | 'remove', path, raw.value);
    }
    const result = this.stamp(next, type, id, current.meta.created);
    map.set(id, result);
    return result;
  }
}

const splitUrn = (path: string): { container: string | null; attr: string } => {
  if (path.startsWith(URN.enterprise + ':'))
    return { container: URN.enterprise, attr: path.slice(URN.enterprise.length + 1) };
  return { container: null, attr: path };
};

const applyOp = (
  target: Record<string, unknown>,
  op: 'add' | 'replace' | 'remove',
  path: string | undefined,
  value: unknown,
): void => {
  if (!path) {
    if (op === 'remove') throw new ScimFailure(400, 'noTarget', 'remove needs a path');
    if (!value || typeof value !== 'object')
      throw new ScimFailure(400, 'invalidValue', 'value must be an object');
    for (const [k, v] of Object.entries(value)) applyOp(target, op, k, v);
    return;
  }
  const valuePath =
    /^(\w+)\[\s*(\w+)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false|-?\d+(?:\.\d+)?)\s*\](?:\.(\w+))?$/i.exec(path);
  if (valuePath) {
    applyValuePath(target, op, valuePath, value);
    return;
  }
  const { container, attr } = splitUrn(path);
  const holder = container
    ? (((target[container] as Record<string, unknown> | undefined) ?? (target[container] = {})) as Record<
        string,
        unknown
      >)
    : target;
  if (container) {
    const schemas = (target.schemas as string[] | undefined) ?? [URN.user];
    if (!schemas.includes(container)) target.schemas = [...schemas, container];
  }
  const [head, sub] = attr.split('.') as [string, string | undefined];
  if (sub !== undefined) {
    const inner = ((holder[head] as Record<string, unknown> | undefined) ?? (holder[head] = {})) as Record<
      string,
      unknown
    >;
    if (op === 'remove') delete inner[sub];
    else inner[sub] = value;
    return;
  }
  if (op === 'remove') {
    delete holder[head];
    return;
  }
  const existing = holder[head];
  if (op === 'add' && Array.isArray(existing) && Array.isArray(value)) {
    const seen = new Set(existing.map((e) => JSON.stringify((e as { value?: unknown }).value ?? e)));
    holder[head] = [
      ...existing,
      ...value.filter((v) => !seen.has(JSON.stringify((v as { value?: unknown }).value ?? v))),
    ];
    return;
  }
  if (head === 'active' && typeof value === 'string') holder[head] = value.toLowerCase() === 'true';
  else holder[head] = value;
};

/** The literal of a value filter (`"work"`, `true`, `3`) as a JS value. */
const literal = (raw: string): unknown =>
  raw.startsWith('"')
    ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
    : raw === 'true'
      ? true
      : raw === 'false'
        ? false
        : Number(raw);

/** Filter equality: strings compare case-insensitively (type, value and display are not caseExact). */
const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;

/**
 * A value-path operation (RFC 7644 §3.5.2): `emails[type eq "work"]` selects the matching values of a multi-valued
 * attribute, `emails[type eq "work"].value` one sub-attribute of each. A filter that matches nothing is 400
 * noTarget.
 */
const applyValuePath = (
  target: Record<string, unknown>,
  op: 'add' | 'replace' | 'remove',
  m: RegExpExecArray,
  value: unknown,
): void => {
  const [, attrName, subFilter, raw, sub] = m;
  const key = Object.keys(target).find((k) => k.toLowerCase() === attrName!.toLowerCase()) ?? attrName!;
  const list = ((target[key] as Record<string, unknown>[] | undefined) ?? []).map((v) => ({ ...v }));
  const wanted = literal(raw!);
  const field = (item: Record<string, unknown>): unknown => {
    const k = Object.keys(item).find((x) => x.toLowerCase() === subFilter!.toLowerCase());
    return k === undefined ? undefined : item[k];
  };
  const hits = list.flatMap((item, i) => (same(field(item), wanted) ? [i] : []));
  if (hits.length === 0) throw new ScimFailure(400, 'noTarget', `no ${attrName} matches ${m[0]}`);
  if (op === 'remove') {
    target[key] = sub
      ? list.map((item, i) => {
          if (!hits.includes(i)) return item;
          const { [sub]: _gone, ...rest } = item;
          return rest;
        })
      : list.filter((_, i) => !hits.includes(i));
    // An empty multi-valued attribute is unassigned (RFC 7643 §2.5): servers do not return `[]`. (A group keeps
    // `members: []`, which the rest of the fake reads.)
    if ((target[key] as unknown[]).length === 0 && key !== 'members') delete target[key];
    return;
  }
  if (sub) {
    for (const i of hits) list[i]![sub] = value;
  } else {
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new ScimFailure(400, 'invalidValue', `${m[0]} takes one ${attrName} value (an object)`);
    for (const i of hits)
      list[i] = op === 'add' ? { ...list[i], ...value } : { ...(value as Record<string, unknown>) };
  }
  target[key] = list;
};
