// The tasks of an offboarding case, planned from plain data (pure; no I/O): a deprovision per app where the person
// has an account — built by the sync planner's own deprovisionOps / asManualTask, so the op and its idempotency
// key are exactly the ones a sync run would plan for the same person (one op, never two) — the IdP kill switch
// (suspend + revoke sessions), the workspace's checklist, and a final verify step when any app is automated.
// Guardrails decide which ops wait for review, the same way they do in a sync run.
import { deprovisionOps } from '../sync/deprovision';
import { applyGuardrails } from '../sync/guard';
import { IDP_APP_ID } from '../sync/guard';
import { asManualTask } from '../sync/manual-ops';
import { labelApp } from '../sync/op-label';
import { makeOp } from '../sync/ops';
import { opConsequence, opLabel } from '../../shared/ops/op-labels';
import type { AppConfig, GuardedOp, Guardrails, PlanOp, SyncAccount, SyncPerson } from '../sync/types';
import type { OffboardingTaskKind } from '../../shared/api/methods-offboarding';
import type { TaskDetail } from './cases-repo';

export interface TaskDraft {
  kind: OffboardingTaskKind;
  appId: string | null;
  appName: string | null;
  title: string;
  op: GuardedOp | null;
  detail: TaskDetail;
}

export interface OffboardingPlanInput {
  /** The person with the status (and status time) the op keys are made from. */
  person: SyncPerson;
  /** The person is still active in the IdP (then the kill switch also suspends them). */
  activeInDirectory: boolean;
  /** Why, for every op's reason: "suspended in the directory since 14:02" or "offboarded by cli". */
  why: string;
  apps: AppConfig[];
  /** The person's linked accounts, by app id. */
  accounts: Record<string, SyncAccount[]>;
  killSessions: boolean;
  /** When the case opens (ISO): part of the kill-switch ops' idempotency keys (one suspend per case). */
  openedAt: string;
  checklist: string[];
  /**
   * Bulk guardrails (null: only review policy applies — an admin's confirmed offboard of one person is itself the
   * review the thresholds exist to force). Active accounts per app, for the percentage threshold.
   */
  guardrails: {
    limits: Pick<Guardrails, 'maxDeprovisionsPerRun' | 'maxDeprovisionPercent'>;
    activeAccounts: Record<string, number>;
  } | null;
  now: Date;
}

/** "Remove from the GitHub org (ana-gh)": what the step does (shared op labels) and the account it is about. */
const titleOf = (effect: string, op: PlanOp, account: SyncAccount): string =>
  `${effect} (${account.userName || op.target})`;

const NO_LIMITS = { maxDeprovisionsPerRun: Number.MAX_SAFE_INTEGER, maxDeprovisionPercent: 100 };

export const planOffboarding = (input: OffboardingPlanInput): TaskDraft[] => {
  const { person, apps } = input;
  const ops: { op: PlanOp; app: AppConfig; account: SyncAccount }[] = [];
  for (const app of apps) {
    for (const account of input.accounts[app.id] ?? []) {
      for (const raw of deprovisionOps(app, person, account, input.why, input.now)) {
        const op = app.kind === 'manual' ? asManualTask(app, raw) : raw;
        if (op) ops.push({ op, app, account });
      }
    }
  }
  const guarded = applyGuardrails(
    {
      ops: ops.map((o) => o.op),
      orphans: [],
      warnings: [],
      summary: {
        apps: apps.map((a) => ({
          appId: a.id,
          name: a.name,
          inScope: 0,
          accounts: 0,
          activeAccounts: input.guardrails?.activeAccounts[a.id] ?? 0,
          orphans: 0,
          ops: {},
        })),
        total: {},
      },
    },
    {
      guardrails: input.guardrails?.limits ?? NO_LIMITS,
      apps,
      ...(input.guardrails ? { accountsCount: input.guardrails.activeAccounts } : {}),
      suspicious: false,
    },
  ).ops;

  const drafts: TaskDraft[] = [];
  const label = person.email ?? person.login;
  const killStep = (kind: 'idp-suspend' | 'idp-revoke-sessions'): void => {
    drafts.push({
      kind,
      appId: null,
      appName: null,
      title: `${opLabel({ kind }, null)} (${label})`,
      op: makeOp({
        appId: IDP_APP_ID,
        personId: person.id,
        target: label,
        reason: `${kind === 'idp-suspend' ? 'suspend' : 'end the sessions and tokens of'} ${label} in the directory: ${input.why}`,
        payload: { kind },
        keyParts: [input.openedAt],
      }),
      detail: { effect: opLabel({ kind }, null), consequence: opConsequence({ kind }, null) },
    });
  };
  if (input.killSessions && input.activeInDirectory) killStep('idp-suspend');
  if (input.killSessions) killStep('idp-revoke-sessions');
  guarded.forEach((op, i) => {
    const { app, account } = ops[i]!;
    const p = op.payload;
    const effect = opLabel(p, labelApp(app));
    drafts.push({
      kind: app.kind === 'manual' ? 'manual' : 'app',
      appId: app.id,
      appName: app.name,
      title: titleOf(effect, op, account),
      op,
      detail: {
        remoteId: account.remoteId,
        userName: account.userName,
        opKind: p.kind === 'manual-task' ? `manual:${p.action}` : p.kind,
        effect,
        consequence: opConsequence(p, labelApp(app)),
        reason: op.reason,
        ...(p.kind === 'manual-task' ? { instructions: p.task.instructions } : {}),
      },
    });
  });
  for (const item of input.checklist) {
    const effect = opLabel({ kind: 'checklist', title: item }, null);
    drafts.push({ kind: 'checklist', appId: null, appName: null, title: item, op: null, detail: { effect } });
  }
  if (drafts.some((d) => d.kind === 'app')) {
    drafts.push({
      kind: 'verify',
      appId: null,
      appName: null,
      title: opLabel({ kind: 'verify' }, null),
      op: null,
      detail: { effect: opLabel({ kind: 'verify' }, null) },
    });
  }
  return drafts;
};
