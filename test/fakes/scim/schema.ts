// What the SCIM fake checks on writes, like a real service provider (RFC 7643 §4 schemas, RFC 7644 §3.3, §3.5.1,
// §3.5.2, §3.12; docs api-contracts.md §5): `schemas` present and naming the resource's core schema, every
// extension key listed in `schemas`, required attributes (User.userName, Group.displayName), attribute types,
// no unknown attributes, and PATCH paths that exist in the schema. Attribute names are case-insensitive.
// Read-only attributes (id, meta, groups) in a request body are ignored, as RFC 7643 §2.2 says.
import { ScimFailure, URN } from './store';

type Type = 'string' | 'boolean' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';

interface Attr {
  type: Type;
  multi?: boolean;
  required?: boolean;
  readOnly?: boolean;
  sub?: Record<string, Attr>;
}

const s: Attr = { type: 'string' };
const b: Attr = { type: 'boolean' };
const ref: Attr = { type: 'reference' };
const multi = (extra: Record<string, Attr> = {}): Attr => ({
  type: 'complex',
  multi: true,
  sub: { value: s, display: s, type: s, primary: b, $ref: ref, ...extra },
});

const COMMON: Record<string, Attr> = {
  id: { type: 'string', readOnly: true },
  externalId: s,
  meta: { type: 'complex', readOnly: true },
  schemas: { type: 'string', multi: true },
};

const USER: Record<string, Attr> = {
  ...COMMON,
  userName: { type: 'string', required: true },
  name: {
    type: 'complex',
    sub: {
      formatted: s,
      familyName: s,
      givenName: s,
      middleName: s,
      honorificPrefix: s,
      honorificSuffix: s,
    },
  },
  displayName: s,
  nickName: s,
  profileUrl: ref,
  title: s,
  userType: s,
  preferredLanguage: s,
  locale: s,
  timezone: s,
  active: b,
  password: s,
  emails: multi(),
  phoneNumbers: multi(),
  ims: multi(),
  photos: multi(),
  addresses: {
    type: 'complex',
    multi: true,
    sub: {
      formatted: s,
      streetAddress: s,
      locality: s,
      region: s,
      postalCode: s,
      country: s,
      type: s,
      primary: b,
    },
  },
  groups: { ...multi(), readOnly: true },
  entitlements: multi(),
  roles: multi(),
  x509Certificates: multi({ value: { type: 'binary' } }),
};

const ENTERPRISE: Record<string, Attr> = {
  employeeNumber: s,
  costCenter: s,
  organization: s,
  division: s,
  department: s,
  manager: { type: 'complex', sub: { value: s, $ref: ref, displayName: s } },
};

const GROUP: Record<string, Attr> = {
  ...COMMON,
  displayName: { type: 'string', required: true },
  members: multi(),
};

export type ResourceKind = 'User' | 'Group';

const CORE: Record<ResourceKind, string> = { User: URN.user, Group: URN.group };
const EXTENSIONS: Record<ResourceKind, Record<string, Record<string, Attr>>> = {
  User: { [URN.enterprise]: ENTERPRISE },
  Group: {},
};

const find = <T>(defs: Record<string, T>, name: string): [string, T] | undefined => {
  const key = Object.keys(defs).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : [key, defs[key]!];
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const invalid = (detail: string): ScimFailure => new ScimFailure(400, 'invalidValue', detail);

const checkSingle = (where: string, def: Attr, v: unknown): void => {
  if (v === null) return; // null means "no value" (RFC 7643 §2.5)
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary':
    case 'dateTime':
      if (typeof v !== 'string') throw invalid(`${where} must be a string, not ${JSON.stringify(v)}`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') throw invalid(`${where} must be a boolean, not ${JSON.stringify(v)}`);
      return;
    case 'integer':
      if (!Number.isInteger(v)) throw invalid(`${where} must be an integer, not ${JSON.stringify(v)}`);
      return;
    case 'complex': {
      if (!isObject(v)) throw invalid(`${where} must be an object, not ${JSON.stringify(v)}`);
      if (!def.sub) return;
      for (const [k, sv] of Object.entries(v)) {
        const hit = find(def.sub, k);
        if (!hit)
          throw new ScimFailure(400, 'invalidSyntax', `${where}.${k} is not an attribute of ${where}`);
        checkSingle(`${where}.${hit[0]}`, hit[1], sv);
      }
    }
  }
};

/** Checks a value (or, for multi-valued attributes, the list) against the attribute's type. */
export const checkValue = (where: string, def: Attr, v: unknown): void => {
  if (def.multi) {
    if (v === null) return;
    if (!Array.isArray(v)) throw invalid(`${where} is multi-valued and must be an array`);
    v.forEach((item, i) => checkSingle(`${where}[${i}]`, def, item));
    const primaries = v.filter((item) => isObject(item) && item.primary === true).length;
    if (primaries > 1) throw invalid(`${where}: at most one value may be primary`);
    return;
  }
  checkSingle(where, def, v);
};

/** A POST or PUT body for /Users or /Groups. */
export const validateResource = (kind: ResourceKind, body: unknown): void => {
  if (!isObject(body)) throw new ScimFailure(400, 'invalidSyntax', `a ${kind} must be a JSON object`);
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || schemas.some((x) => typeof x !== 'string'))
    throw new ScimFailure(400, 'invalidSyntax', 'schemas is required and must be an array of URNs');
  if (!schemas.includes(CORE[kind]))
    throw new ScimFailure(400, 'invalidSyntax', `schemas must include ${CORE[kind]}`);
  const extensions = EXTENSIONS[kind];
  for (const urn of schemas as string[])
    if (urn !== CORE[kind] && !extensions[urn])
      throw new ScimFailure(400, 'invalidSyntax', `unknown schema ${urn} for ${kind}`);
  const core = kind === 'User' ? USER : GROUP;
  for (const [key, v] of Object.entries(body)) {
    if (key.startsWith('urn:')) {
      const ext = extensions[key];
      if (!ext) throw new ScimFailure(400, 'invalidSyntax', `unknown schema extension ${key}`);
      if (!schemas.includes(key))
        throw new ScimFailure(400, 'invalidSyntax', `${key} is used but not listed in schemas`);
      checkSingle(key, { type: 'complex', sub: ext }, v);
      continue;
    }
    const hit = find(core, key);
    if (!hit) throw new ScimFailure(400, 'invalidSyntax', `${key} is not an attribute of ${kind}`);
    const [name, def] = hit;
    if (def.readOnly || name === 'schemas') continue;
    checkValue(name, def, v);
  }
  for (const [name, def] of Object.entries(core))
    if (def.required) {
      const hit = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
      const v = hit === undefined ? undefined : body[hit];
      if (typeof v !== 'string' || v === '') throw invalid(`${name} is required`);
    }
};

export interface PatchTarget {
  /** The attribute's definition, or the sub-attribute's when the path names one. */
  def: Attr;
  /** Canonical attribute name (the sub-attribute's after a dot). */
  name: string;
  required: boolean;
  readOnly: boolean;
}

/**
 * Resolves a PATCH path (RFC 7644 §3.5.2: attrPath / valuePath [subAttr], optionally URN-prefixed) against the
 * schema; an attribute that does not exist gives 400 invalidPath.
 */
export const resolvePatchPath = (kind: ResourceKind, path: string): PatchTarget => {
  const bad = (why: string): ScimFailure => new ScimFailure(400, 'invalidPath', `${path}: ${why}`);
  let defs = kind === 'User' ? USER : GROUP;
  let rest = path;
  const urns = [CORE[kind], ...Object.keys(EXTENSIONS[kind])].sort((a, b2) => b2.length - a.length);
  const urn = urns.find((u) => rest.toLowerCase().startsWith(`${u.toLowerCase()}:`));
  if (urn) {
    rest = rest.slice(urn.length + 1);
    if (urn !== CORE[kind]) defs = EXTENSIONS[kind][urn]!;
  } else if (rest.startsWith('urn:')) throw bad('unknown schema');
  const m = /^([A-Za-z$][\w$-]*)(\[[^\]]+\])?(?:\.([A-Za-z$][\w$-]*))?$/.exec(rest);
  if (!m) throw bad('malformed path');
  const [, attrName, filter, subName] = m;
  const hit = find(defs, attrName!);
  if (!hit) throw bad(`${attrName} is not an attribute of ${kind}`);
  const [name, def] = hit;
  if (filter) {
    if (!def.multi) throw bad(`${name} is not multi-valued, so it takes no filter`);
    const f =
      /^\[\s*([A-Za-z$][\w$-]*)\s+(eq|ne|co|sw|ew|gt|ge|lt|le)\s+("(?:[^"\\]|\\.)*"|true|false|null|-?\d+(?:\.\d+)?)\s*\]$/i.exec(
        filter,
      );
    if (!f) throw bad('malformed value filter');
    if (def.sub && !find(def.sub, f[1]!)) throw bad(`${f[1]} is not a sub-attribute of ${name}`);
  }
  if (subName !== undefined) {
    if (!def.sub) throw bad(`${name} has no sub-attributes`);
    const inner = find(def.sub, subName);
    if (!inner) throw bad(`${subName} is not a sub-attribute of ${name}`);
    return { def: inner[1], name: inner[0], required: false, readOnly: !!def.readOnly };
  }
  return {
    def: filter ? { ...def, multi: false } : def,
    name,
    required: !!def.required,
    readOnly: !!def.readOnly,
  };
};

/** Checks one PATCH operation against the schema (path exists, value has the attribute's type). */
export const validatePatchOp = (
  kind: ResourceKind,
  op: 'add' | 'replace' | 'remove',
  path: string | undefined,
  value: unknown,
): void => {
  if (path === undefined) {
    if (op === 'remove') return; // the store answers noTarget
    if (!isObject(value)) throw invalid('an operation without a path needs an object value');
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('urn:') && isObject(v) && EXTENSIONS[kind][k]) {
        for (const [ek, ev] of Object.entries(v)) validatePatchOp(kind, op, `${k}:${ek}`, ev);
      } else validatePatchOp(kind, op, k, v);
    }
    return;
  }
  const t = resolvePatchPath(kind, path);
  if (t.readOnly) throw new ScimFailure(400, 'mutability', `${t.name} is read-only`);
  if (op === 'remove') {
    if (t.required) throw invalid(`${t.name} is required and cannot be removed`);
    return;
  }
  if (t.required && (typeof value !== 'string' || value === '')) throw invalid(`${t.name} is required`);
  // `add` to a multi-valued attribute may carry one value or a list.
  if (t.def.multi && op === 'add' && !Array.isArray(value))
    checkValue(t.name, { ...t.def, multi: false }, value);
  else checkValue(t.name, t.def, value);
};
