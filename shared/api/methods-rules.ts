// Contract methods of the Access rules page (issue #7 point 4), merged into shared/api/contract.ts: a dry-run
// impact preview of proposed rules against the stored directory and accounts (nothing is read live, nothing sent),
// saving the rules (stored and audited; never applied: the next sync applies them), and what an app reports it has
// (roles, teams, groups) for the rule editor's pickers and its "does not report a role" warnings.
import { z } from 'zod';
import { method } from './define';
import { ruleSchema } from '../config/workspace';
import type { SyncOpKind } from './methods-sync';
import type { AppVocabulary, RuleTermWarning } from '../config/rule-terms';

export type { AppVocabulary, RuleTermWarning };

/** Adds: create / reactivate; removes: deactivate / delete; changes: everything else (profile, role, groups). */
export type ImpactClass = 'adds' | 'changes' | 'removes';

/** One op the proposed rules would plan that the current ones do not (or the other way round). */
export interface ImpactOp {
  appId: string;
  personId: string | null;
  kind: SyncOpKind;
  target: string;
  class: ImpactClass;
  reason: string;
  /** Held by the guardrails if it were applied ("held: Slack requires review"). */
  heldReason: string | null;
}

export interface ImpactCounts {
  adds: number;
  changes: number;
  removes: number;
}

export interface AppImpact {
  appId: string;
  appName: string;
  counts: ImpactCounts;
  byKind: Partial<Record<SyncOpKind, number>>;
}

export interface RulesPreview {
  /** Ops planned with the proposed rules that are not planned with the current ones. */
  counts: ImpactCounts;
  apps: AppImpact[];
  ops: ImpactOp[];
  /** Ops the current rules plan that the proposed ones no longer would (e.g. a pending create). */
  dropped: ImpactOp[];
  /** How many people the directory snapshot has (0: no directory read yet). */
  people: number;
  /** Names of apps never read yet: their preview assumes no accounts. */
  unreadApps: string[];
  warnings: string[];
  /** Roles, teams or app groups the proposed rules name that their app does not report (checked case-insensitively). */
  ruleWarnings: RuleTermWarning[];
}

export interface RulesSaveResult {
  rules: number;
  /** True when the stored rules differ from before (false: nothing to save, nothing audited). */
  changed: boolean;
}

const rulesInput = z.array(ruleSchema).max(1000);

export const rulesMethods = {
  'rules.preview': method<RulesPreview>()({
    input: z.object({ rules: rulesInput }).strict(),
    summary:
      'Dry run of proposed access rules against the stored directory and accounts: who would be added, changed or removed',
  }),
  'rules.save': method<RulesSaveResult>()({
    input: z.object({ rules: rulesInput }).strict(),
    summary: 'Store the access rules (audited); nothing is applied until the next sync',
    mutates: true,
  }),
  'rules.vocabulary': method<AppVocabulary>()({
    input: z
      .object({
        appId: z.string().min(1).max(100),
        /** Also list the app's groups or teams (a read of the app); default: only what the last read stored. */
        list: z.boolean().optional(),
      })
      .strict(),
    summary:
      "The roles and teams or groups an app reports (from its last-read accounts and, when asked, a listing of its groups): the rule editor's choices",
  }),
} as const;
