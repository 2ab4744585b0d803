// Access rules as admins read them, and the dialog's draft ↔ RuleConfig conversion (pure; unit-testable).
// Ordering is one concept on this page: a rule's place in the list. `priority:` from older workspace files still
// outranks it (rules.ts `better()`), so the page shows it and offers to fold it into list order (toListOrder).
import { ruleLabel } from '../../../../shared/config/rule-label';
import type { AppConfig, RuleConfig } from '../../../../shared/config/workspace';
import { plural } from '../../components/plural';

export { ruleLabel };

/** Counts in words: the one rule of components/plural.ts. */
export { plural };

/** "Engineering or Design", "all of Engineering, Admins", "department = Engineering". */
export const whoText = (rule: RuleConfig): string[] => {
  const parts: string[] = [];
  if (rule.groups?.length)
    parts.push(rule.groups.length === 1 ? rule.groups[0]! : `any of ${rule.groups.join(', ')}`);
  if (rule.allGroups?.length) parts.push(`all of ${rule.allGroups.join(', ')}`);
  for (const [key, value] of Object.entries(rule.attributes ?? {}))
    parts.push(`${key} = ${Array.isArray(value) ? value.join(' or ') : value}`);
  return parts;
};

/** The one-line explanation of ordering, shown above the rules. */
export const ORDER_EXPLAINED =
  'Order matters: when someone matches several rules for the same app, the role comes from the rule highest in this list; teams and app groups from all of them add up.';

/** Rules carrying a `priority:` from the workspace file (it outranks list order when rules disagree on a role). */
export const withPriority = (rules: readonly RuleConfig[]): number =>
  rules.filter((r) => r.priority !== undefined).length;

/**
 * The same rules in list order without `priority:`, meaning exactly the same: a stable sort by priority (highest
 * first) keeps list order among equals, which is how rules.ts breaks ties.
 */
export const toListOrder = (rules: readonly RuleConfig[]): RuleConfig[] =>
  rules
    .map((rule, i) => ({ rule, i }))
    .sort((a, b) => (b.rule.priority ?? 0) - (a.rule.priority ?? 0) || a.i - b.i)
    .map(({ rule: { priority: _p, ...rest } }) => rest);

/** "rule 'Engineering → GitHub'", "rule 3" or "3 rules": what unsaved changes are about, for "Discard changes to …?". */
export const changedRules = (draft: readonly RuleConfig[], stored: readonly RuleConfig[]): string => {
  const changed: number[] = [];
  for (let i = 0; i < Math.max(draft.length, stored.length); i++)
    if (JSON.stringify(draft[i]) !== JSON.stringify(stored[i])) changed.push(i);
  if (changed.length === 1) {
    const i = changed[0]!;
    const rule = draft[i] ?? stored[i]!;
    return draft[i] && !stored[i] ? `the new ${ruleLabel(i + 1, rule.name)}` : ruleLabel(i + 1, rule.name);
  }
  return plural(changed.length, 'rule');
};

export interface RuleDraft {
  /** Optional name; reasons then say "rule 'NAME'" instead of "rule 2". */
  name: string;
  description: string;
  app: string;
  match: 'any' | 'all';
  groups: string[];
  /** One condition a line: "department = Engineering, Design". */
  attributes: string;
  role: string;
  /** Comma-separated GitHub team slugs or SCIM group names. */
  entitlements: string;
  /** Kept as the file has it (legacy); the dialog does not edit it. */
  priority: string;
}

export const emptyDraft = (app = ''): RuleDraft => ({
  name: '',
  description: '',
  app,
  match: 'any',
  groups: [],
  attributes: '',
  role: '',
  entitlements: '',
  priority: '',
});

/** "a, b ,c" → [a, b, c]: comma-separated names as the dialog's fields take them. */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const draftOf = (rule: RuleConfig): RuleDraft => ({
  name: rule.name ?? '',
  description: rule.description ?? '',
  app: rule.app,
  match: rule.allGroups?.length ? 'all' : 'any',
  groups: [...(rule.allGroups ?? rule.groups ?? [])],
  attributes: Object.entries(rule.attributes ?? {})
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(', ') : v}`)
    .join('\n'),
  role: rule.role ?? '',
  entitlements: [...(rule.teams ?? rule.appGroups ?? [])].join(', '),
  priority: rule.priority === undefined ? '' : String(rule.priority),
});

export type DraftErrors = Partial<Record<'name' | 'app' | 'who' | 'attributes' | 'priority', string>>;

/** The rule the draft describes, or what is wrong with it (messages say how to fix it). */
export const ruleOf = (
  draft: RuleDraft,
  app: AppConfig | undefined,
  /** Names of the other rules: a name must be unique (any case). */
  otherNames: readonly string[] = [],
): { rule: RuleConfig | null; errors: DraftErrors } => {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  if (name.length > 120) errors.name = `A name of at most 120 characters (this one has ${name.length}).`;
  else if (otherNames.some((n) => n.toLowerCase() === name.toLowerCase()))
    errors.name = `Another rule is already named '${name}'; give each rule its own name.`;
  if (!app) errors.app = 'Pick the app this rule grants.';
  const attributes: Record<string, string | string[]> = {};
  for (const line of draft.attributes
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const at = line.indexOf('=');
    const key = at > 0 ? line.slice(0, at).trim() : '';
    const values = at > 0 ? splitList(line.slice(at + 1)) : [];
    if (!key || !values.length) {
      errors.attributes = `“${line}” is not a condition; write it as attribute = value (e.g. department = Engineering).`;
      break;
    }
    attributes[key] = values.length === 1 ? values[0]! : values;
  }
  const hasAttributes = Object.keys(attributes).length > 0;
  if (!draft.groups.length && !hasAttributes && !errors.attributes)
    errors.who = 'Pick at least one group or add an attribute condition, so the rule says who it matches.';
  let priority: number | undefined;
  if (draft.priority.trim()) {
    priority = Number(draft.priority);
    if (!Number.isInteger(priority) || priority < -1000 || priority > 1000)
      errors.priority = 'A whole number from -1000 to 1000 (higher wins when rules disagree on the role).';
  }
  if (Object.keys(errors).length || !app) return { rule: null, errors };
  // Keys in the schema's order, so an unchanged rule compares equal to the stored one.
  const description = draft.description.trim();
  const rule: RuleConfig = {
    ...(name ? { name } : {}),
    ...(description ? { description } : {}),
    app: app.id,
  };
  if (draft.groups.length) rule[draft.match === 'all' ? 'allGroups' : 'groups'] = [...draft.groups];
  if (hasAttributes) rule.attributes = attributes;
  if (draft.role.trim()) rule.role = draft.role.trim();
  const entitlements = splitList(draft.entitlements);
  if (entitlements.length && app.kind === 'github') rule.teams = entitlements;
  if (entitlements.length && app.kind === 'scim') rule.appGroups = entitlements;
  if (priority !== undefined) rule.priority = priority;
  return { rule, errors };
};

export const sameRules = (a: RuleConfig[], b: RuleConfig[]) => JSON.stringify(a) === JSON.stringify(b);
