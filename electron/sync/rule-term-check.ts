// Which roles, teams and app groups the rules name that their apps do not report, from what the store knows: the
// accounts each app last listed (app-vocabulary.ts) and, where the caller has one, a listing of the app's groups.
// rules.preview shows these beside the rules; `config apply` prints them as warnings. Reads only; an app never read
// flags nothing (unknown is not "none").
import type { RuleTermWarning } from '../../shared/api/methods-rules';
import { ruleLabel } from '../../shared/config/rule-label';
import { ruleTermWarnings, type AppVocabulary } from '../../shared/config/rule-terms';
import type { RuleConfig } from '../../shared/config/workspace';
import type { AppGroup } from '../apps/types';
import { createAppStatusReader } from '../config/app-status-read';
import { createAccountsRepo } from '../store/accounts-repo';
import type { Store } from '../store/store';
import { appVocabulary } from './app-vocabulary';
import type { AppConfig } from './types';

export type VocabularyOf = (app: AppConfig, listed?: readonly AppGroup[] | Error) => Promise<AppVocabulary>;

/** An app's vocabulary from its stored accounts (null when it was never read) and an optional listing. */
export const createStoredVocabulary = (store: Store): VocabularyOf => {
  const accounts = createAccountsRepo(store);
  const status = createAppStatusReader(store);
  return async (app, listed) => {
    const read = ((await status.statuses([app.id]))[0]?.accounts ?? null) !== null;
    return appVocabulary(app, read ? await accounts.list(app.id) : null, listed);
  };
};

/** Every unreported name in `rules`, rule by rule (1-based, with the rule's label); manual apps are never checked. */
export const rulesTermWarnings = async (
  rules: readonly RuleConfig[],
  apps: readonly AppConfig[],
  vocabularyOf: VocabularyOf,
): Promise<RuleTermWarning[]> => {
  const vocab = new Map<string, AppVocabulary>();
  const out: RuleTermWarning[] = [];
  for (const [i, rule] of rules.entries()) {
    const app = apps.find((a) => a.id === rule.app);
    if (!app || app.kind === 'manual') continue;
    let v = vocab.get(app.id);
    if (!v) vocab.set(app.id, (v = await vocabularyOf(app)));
    for (const w of ruleTermWarnings(rule, v))
      out.push({ rule: i + 1, label: ruleLabel(i + 1, rule.name), ...w });
  }
  return out;
};

/** The same as `config apply` warnings: "rules[3].role: GitHub does not report a role 'admni'; …". */
export const ruleTermWarningLines = async (
  store: Store,
  rules: readonly RuleConfig[],
  apps: readonly AppConfig[],
): Promise<string[]> =>
  (await rulesTermWarnings(rules, apps, createStoredVocabulary(store))).map(
    (w) => `rules[${w.rule - 1}].${w.field}: ${w.message}`,
  );
