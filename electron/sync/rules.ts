// Access rules (RBAC): which people a rule matches (groups any-of, all-of, attribute conditions) and, for an app,
// what a person matching several rules gets — the highest-priority role (ties: the earlier rule) and the union of
// teams / app groups. Group names and attribute values compare case-insensitively; only `active` people are ever
// in scope (callers check status first).
import { ruleLabel } from '../../shared/config/rule-label';
import type { DesiredAccess, RuleConfig, SyncPerson } from './types';

export interface CompiledRule {
  /** 1-based position in the workspace file: how reasons name the rule. */
  number: number;
  /** How reasons call the rule: "rule 'Engineering → GitHub'" when it has a name, else "rule 2". */
  label: string;
  app: string;
  priority: number;
  role: string | null;
  /** Teams or app groups, as written. */
  grants: string[];
  /** The same without case-insensitive duplicates; shared by every DesiredAccess of a one-rule match. */
  uniqueGrants: readonly string[];
  /** [number], shared likewise. */
  numbers: readonly number[];
  any: { names: string[]; lower: string[] } | null;
  all: { names: string[]; lower: string[] } | null;
  attributes: { name: string; expected: string[]; lower: Set<string> }[];
}

export interface RuleMatch {
  rule: number;
  /** The rule's label ("rule 'Engineering → GitHub'" or "rule 2"). */
  label: string;
  /** The groups (as the rule spells them) through which the person matched. */
  groups: string[];
  /** [attribute, the person's value] for each attribute condition. */
  attributes: [string, string][];
}

export type RuleFailure =
  | { rule: number; label: string; kind: 'groups' | 'allGroups'; missing: string[] }
  | {
      rule: number;
      label: string;
      kind: 'attribute';
      attribute: string;
      actual: string | null;
      expected: string[];
    };

const norm = (s: string): string => s.trim().toLowerCase();

const uniqueCi = (xs: readonly string[]): string[] => {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(norm(x)) && seen.add(norm(x)));
};

export const compileRules = (rules: readonly RuleConfig[]): CompiledRule[] =>
  rules.map((r, i) => ({
    number: i + 1,
    label: ruleLabel(i + 1, r.name),
    app: r.app,
    priority: r.priority ?? 0,
    role: r.role ?? null,
    grants: [...(r.teams ?? []), ...(r.appGroups ?? [])],
    uniqueGrants: Object.freeze(uniqueCi([...(r.teams ?? []), ...(r.appGroups ?? [])])),
    numbers: Object.freeze([i + 1]),
    any: r.groups ? { names: r.groups, lower: r.groups.map(norm) } : null,
    all: r.allGroups ? { names: r.allGroups, lower: r.allGroups.map(norm) } : null,
    attributes: Object.entries(r.attributes ?? {}).map(([name, v]) => {
      const expected = Array.isArray(v) ? v : [v];
      return { name, expected, lower: new Set(expected.map(norm)) };
    }),
  }));

/** The person's lowercased group names, built once per person. */
export const groupSetOf = (p: SyncPerson): Set<string> => new Set(p.groups.map(norm));

type AttrValue = string | number | boolean | null | undefined | string[];

/** A profile field first (department, title, …), then a custom attribute; as strings, [] when unset. */
export const attributeValues = (p: SyncPerson, name: string): string[] => {
  const own = (p as unknown as Record<string, AttrValue>)[name];
  const v: AttrValue =
    name !== 'groups' && name !== 'attributes' && own !== undefined ? own : p.attributes?.[name];
  if (v === null || v === undefined || v === '') return [];
  return Array.isArray(v) ? v : [String(v)];
};

const attributeHolds = (p: SyncPerson, a: CompiledRule['attributes'][number]): boolean => {
  const v = attributeValues(p, a.name);
  for (let i = 0; i < v.length; i++) if (a.lower.has(norm(v[i]!))) return true;
  return false;
};

/** The fast path, called people × rules times: plain loops, no closures. */
export const ruleMatches = (r: CompiledRule, p: SyncPerson, groups: Set<string>): boolean => {
  if (r.any) {
    let hit = false;
    for (let i = 0; i < r.any.lower.length && !hit; i++) hit = groups.has(r.any.lower[i]!);
    if (!hit) return false;
  }
  if (r.all) for (let i = 0; i < r.all.lower.length; i++) if (!groups.has(r.all.lower[i]!)) return false;
  for (let i = 0; i < r.attributes.length; i++) if (!attributeHolds(p, r.attributes[i]!)) return false;
  return true;
};

/**
 * For a rule of `groups` only (no allGroups, no attributes, at most 20 groups): which of its groups the person is in,
 * as a bitmask — all its words depend on. null for other rules.
 */
export const groupOnlyMask = (r: CompiledRule, groups: Set<string>): number | null => {
  if (!r.any || r.all || r.attributes.length || r.any.lower.length > 20) return null;
  let mask = 0;
  for (let i = 0; i < r.any.lower.length; i++) if (groups.has(r.any.lower[i]!)) mask |= 1 << i;
  return mask;
};

/** The same decision, with its words: how the person matched, or the first condition they fail. */
export const evaluateRule = (
  r: CompiledRule,
  p: SyncPerson,
  groups: Set<string>,
): { ok: true; match: RuleMatch } | { ok: false; failure: RuleFailure } => {
  const matched: string[] = [];
  if (r.any) {
    const hit = r.any.names.filter((_, i) => groups.has(r.any!.lower[i]!));
    if (!hit.length)
      return { ok: false, failure: { rule: r.number, label: r.label, kind: 'groups', missing: r.any.names } };
    matched.push(...hit);
  }
  if (r.all) {
    const missing = r.all.names.filter((_, i) => !groups.has(r.all!.lower[i]!));
    if (missing.length)
      return { ok: false, failure: { rule: r.number, label: r.label, kind: 'allGroups', missing } };
    for (const g of r.all.names) if (!matched.includes(g)) matched.push(g);
  }
  const attributes: [string, string][] = [];
  for (const a of r.attributes) {
    const values = attributeValues(p, a.name);
    const hit = values.find((v) => a.lower.has(norm(v)));
    if (hit === undefined) {
      const actual = values.length ? values.join(', ') : null;
      return {
        ok: false,
        failure: {
          rule: r.number,
          label: r.label,
          kind: 'attribute',
          attribute: a.name,
          actual,
          expected: a.expected,
        },
      };
    }
    attributes.push([a.name, hit]);
  }
  return { ok: true, match: { rule: r.number, label: r.label, groups: matched, attributes } };
};

/** Higher priority first; ties: the earlier rule. */
const better = (a: CompiledRule, b: CompiledRule): boolean =>
  a.priority > b.priority || (a.priority === b.priority && a.number < b.number);

/** What a person matching `matched` (non-empty, file order) gets in the app. */
export const resolveAccess = (personId: string, matched: readonly CompiledRule[]): DesiredAccess => {
  if (matched.length === 1) {
    const r = matched[0]!;
    return {
      personId,
      rule: r.number,
      rules: r.numbers,
      role: r.role,
      roleRule: r.role === null ? null : r.number,
      groups: r.uniqueGrants,
    };
  }
  let top = matched[0]!;
  let roleRule: CompiledRule | null = null;
  const groups: string[] = [];
  const seen = new Set<string>();
  for (const r of matched) {
    if (better(r, top)) top = r;
    if (r.role !== null && (roleRule === null || better(r, roleRule))) roleRule = r;
    for (const g of r.grants) {
      const k = norm(g);
      if (!seen.has(k)) {
        seen.add(k);
        groups.push(g);
      }
    }
  }
  return {
    personId,
    rule: (roleRule ?? top).number,
    rules: matched.map((r) => r.number),
    role: roleRule?.role ?? null,
    roleRule: roleRule?.number ?? null,
    groups,
  };
};
