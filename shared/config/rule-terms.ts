// Whether a rule names roles, teams or app groups its app reports — the words shared by the rule editor (as the admin
// types) and the rules preview (electron/sync/rules-service.ts), so both say the same sentence: "Slack does not
// report a role 'admni'; known roles: admin, member. Did you mean 'admin'?". Pure; the lists themselves are built by
// electron/sync/app-vocabulary.ts. A null list is unknown and flags nothing.
import type { RuleConfig } from './workspace';
import { editDistance as distance } from '../domain/edit-distance';

/**
 * What one app reports it has. A null list is unknown (never read, nothing listed, or a manual app) — never "none":
 * nothing is flagged against it. The `…From` strings say where a list came from, for the picker's caption.
 */
export interface AppVocabulary {
  appId: string;
  appName: string;
  kind: 'scim' | 'github' | 'manual';
  /** Accounts in the last read (null: never read). */
  accounts: number | null;
  roles: string[] | null;
  rolesFrom: string | null;
  /** GitHub team slugs or SCIM group names. */
  groups: string[] | null;
  groupsFrom: string | null;
  /** Why listing the app's groups or teams failed, when it did (the lists above then come from accounts only). */
  groupsError: string | null;
}

export interface RuleTermWarning {
  /** 1-based position of the rule in the proposed list. */
  rule: number;
  /** "rule 'Engineering → GitHub'" or "rule 2". */
  label: string;
  field: 'role' | 'teams' | 'appGroups';
  value: string;
  /** "Slack does not report a role 'admni'; known roles: admin, member. Did you mean 'admin'?" */
  message: string;
}

const closest = (value: string, known: readonly string[]): string | null => {
  const v = value.toLowerCase();
  let best: string | null = null;
  let bestD = v.length >= 4 ? 2 : 1;
  for (const k of known) {
    const d = distance(v, k.toLowerCase());
    if (d <= bestD && (best === null || d < bestD)) [best, bestD] = [k, d];
  }
  return best;
};

const knownList = (known: readonly string[]): string =>
  known.length === 0
    ? 'none'
    : known.length <= 12
      ? known.join(', ')
      : `${known.slice(0, 12).join(', ')} and ${known.length - 12} more`;

/** "Slack does not report a role 'admni'; known roles: admin, member. Did you mean 'admin'?" */
export const unknownTermMessage = (
  appName: string,
  noun: 'role' | 'team' | 'group',
  value: string,
  known: readonly string[],
): string => {
  const guess = closest(value, known);
  return `${appName} does not report a ${noun} '${value}'; known ${noun}s: ${knownList(known)}.${guess ? ` Did you mean '${guess}'?` : ''}`;
};

/** What a rule names that the app's vocabulary does not have (case-insensitive); nothing when the list is unknown. */
export const ruleTermWarnings = (
  rule: RuleConfig,
  vocab: AppVocabulary,
): Omit<RuleTermWarning, 'rule' | 'label'>[] => {
  const out: Omit<RuleTermWarning, 'rule' | 'label'>[] = [];
  const check = (
    field: RuleTermWarning['field'],
    noun: 'role' | 'team' | 'group',
    values: readonly string[],
  ) => {
    const known = field === 'role' ? vocab.roles : vocab.groups;
    if (known === null) return;
    const lower = new Set(known.map((k) => k.toLowerCase()));
    for (const value of values)
      if (!lower.has(value.toLowerCase()))
        out.push({ field, value, message: unknownTermMessage(vocab.appName, noun, value, known) });
  };
  if (rule.role) check('role', 'role', [rule.role]);
  if (vocab.kind === 'github') check('teams', 'team', rule.teams ?? []);
  if (vocab.kind === 'scim') check('appGroups', 'group', rule.appGroups ?? []);
  return out;
};
