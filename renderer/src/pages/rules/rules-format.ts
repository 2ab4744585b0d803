// Access rules as admins read them, and the dialog's draft ↔ RuleConfig conversion (pure; unit-testable).
import type { AppConfig, RuleConfig } from '../../../../shared/config/workspace';

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

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

/** Role suggestions by app kind (free text is always allowed: SCIM and manual apps name their own). */
export const roleSuggestions = (app: AppConfig | undefined): string[] =>
  app?.kind === 'github'
    ? ['member', 'admin']
    : app?.kind === 'manual'
      ? ['member', 'admin', 'editor', 'viewer']
      : [];

export interface RuleDraft {
  app: string;
  match: 'any' | 'all';
  groups: string[];
  /** One condition a line: "department = Engineering, Design". */
  attributes: string;
  role: string;
  /** Comma-separated GitHub team slugs or SCIM group names. */
  entitlements: string;
  priority: string;
}

export const emptyDraft = (app = ''): RuleDraft => ({
  app,
  match: 'any',
  groups: [],
  attributes: '',
  role: '',
  entitlements: '',
  priority: '',
});

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const draftOf = (rule: RuleConfig): RuleDraft => ({
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

export type DraftErrors = Partial<Record<'app' | 'who' | 'attributes' | 'priority', string>>;

/** The rule the draft describes, or what is wrong with it (messages say how to fix it). */
export const ruleOf = (
  draft: RuleDraft,
  app: AppConfig | undefined,
): { rule: RuleConfig | null; errors: DraftErrors } => {
  const errors: DraftErrors = {};
  if (!app) errors.app = 'Pick the app this rule grants.';
  const attributes: Record<string, string | string[]> = {};
  for (const line of draft.attributes
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const at = line.indexOf('=');
    const key = at > 0 ? line.slice(0, at).trim() : '';
    const values = at > 0 ? list(line.slice(at + 1)) : [];
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
  const rule: RuleConfig = { app: app.id };
  if (draft.groups.length) rule[draft.match === 'all' ? 'allGroups' : 'groups'] = [...draft.groups];
  if (hasAttributes) rule.attributes = attributes;
  if (draft.role.trim()) rule.role = draft.role.trim();
  const entitlements = list(draft.entitlements);
  if (entitlements.length && app.kind === 'github') rule.teams = entitlements;
  if (entitlements.length && app.kind === 'scim') rule.appGroups = entitlements;
  if (priority !== undefined) rule.priority = priority;
  return { rule, errors };
};

export const sameRules = (a: RuleConfig[], b: RuleConfig[]) => JSON.stringify(a) === JSON.stringify(b);
