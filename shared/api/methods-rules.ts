// Contract methods of the Access rules page (issue #7 point 4), merged into shared/api/contract.ts: a dry-run
// impact preview of proposed rules against the stored directory and accounts (nothing is read live, nothing sent),
// and saving the rules (stored and audited; never applied: the next sync applies them).
import { z } from 'zod';
import { method } from './define';
import { ruleSchema } from '../config/workspace';
import type { SyncOpKind } from './methods-sync';

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
} as const;
