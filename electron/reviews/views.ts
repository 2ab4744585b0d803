// Campaigns and items as the API shows them: decisions with their history, the ops that carried each decision out
// (from the journal, by idempotency key) with their ledger events, progress per reviewer, counts, due / overdue.
import type {
  ReviewCampaignSummary,
  ReviewCampaignView,
  ReviewCounts,
  ReviewItemOp,
  ReviewItemView,
  ReviewOutcomeStatus,
  ReviewerProgress,
  ReviewScope,
} from '../../shared/api/methods-reviews';
import type { SyncOpKind, SyncOpStatus } from '../../shared/api/methods-sync';
import type { ReviewerSource } from '../../shared/config/reviews-schema';
import type { Store } from '../store/store';
import { jsonField } from '../offboarding/evidence';
import {
  decisionView,
  type CampaignRow,
  type CampaignsRepo,
  type DecisionRow,
  type ItemRow,
} from './campaigns-repo';

/** Marks an item whose decision needed no change (already gone, already that role) in `op_keys`. */
export const NOT_NEEDED = 'not-needed';

const CHANGES = new Set(['revoke', 'change-role']);

export const createViews = (store: Store, repo: CampaignsRepo, now: () => Date) => {
  const opByKey = (key: string) =>
    store
      .q()
      .selectFrom('plan_ops')
      .select(['id', 'kind', 'status', 'error', 'held_reason'])
      .where('idempotency_key', '=', key)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  const stillActive = (appId: string, remoteId: string) =>
    store
      .q()
      .selectFrom('accounts')
      .select('active')
      .where('app_id', '=', appId)
      .where('remote_id', '=', remoteId)
      .executeTakeFirst();
  const opSeqs = async (opId: number): Promise<number[]> =>
    (
      await store
        .q()
        .selectFrom('audit_events')
        .select('seq')
        .where('action', 'like', 'op.%')
        .where((eb) =>
          eb.or([
            eb(jsonField(store, 'before', 'op'), '=', String(opId)),
            eb(jsonField(store, 'after', 'op'), '=', String(opId)),
          ]),
        )
        .orderBy('seq')
        .execute()
    ).map((r) => r.seq);

  const opsOf = async (row: ItemRow): Promise<ReviewItemOp[]> => {
    const out: ReviewItemOp[] = [];
    for (const key of JSON.parse(row.op_keys) as string[]) {
      const op = key === NOT_NEEDED ? undefined : await opByKey(key);
      if (!op) continue;
      out.push({
        opId: op.id,
        kind: op.kind as SyncOpKind,
        status: op.status as SyncOpStatus,
        error: op.error,
        heldReason: op.held_reason,
        auditSeqs: await opSeqs(op.id),
      });
    }
    return out;
  };

  const outcomeOf = async (
    row: ItemRow,
    current: DecisionRow | undefined,
    ops: ReviewItemOp[],
  ): Promise<ReviewOutcomeStatus> => {
    if (!current || !CHANGES.has(current.decision)) return 'none';
    const keys = JSON.parse(row.op_keys) as string[];
    if (keys.includes(NOT_NEEDED)) return 'not-needed';
    if (!ops.length) return 'pending';
    const has = (s: SyncOpStatus): boolean => ops.some((o) => o.status === s);
    if (has('failed')) return 'failed';
    if (has('held')) return 'held';
    if (has('running')) return 'running';
    if (has('planned') || has('approved')) return 'pending';
    if (ops.every((o) => o.status === 'done'))
      // A manual app's op is "done" once its checklist task is out; the revoke is done when the account is gone.
      return ops.some((o) => o.kind === 'manual-task') &&
        current.decision === 'revoke' &&
        (await stillActive(row.app_id, row.remote_id))?.active === 1
        ? 'task-open'
        : 'done';
    if (has('superseded')) return 'superseded';
    return 'skipped';
  };

  const itemViews = async (rows: ItemRow[], all: DecisionRow[]): Promise<ReviewItemView[]> => {
    const byItem = new Map<number, DecisionRow[]>();
    for (const d of all) {
      let list = byItem.get(d.item_id);
      if (!list) byItem.set(d.item_id, (list = []));
      list.push(d);
    }
    const out: ReviewItemView[] = [];
    for (const r of rows) {
      const history = byItem.get(r.id) ?? [];
      const current = r.decision_id === null ? undefined : history.find((d) => d.id === r.decision_id);
      const ops = await opsOf(r);
      out.push({
        id: r.id,
        campaignId: r.campaign_id,
        kind: r.kind,
        appId: r.app_id,
        appName: r.app_name,
        appKind: r.app_kind,
        personId: r.person_id,
        person: r.person,
        displayName: r.display_name,
        personStatus: r.person_status,
        remoteId: r.remote_id,
        userName: r.user_name,
        email: r.email,
        active: r.active === 1,
        role: r.role,
        groups: JSON.parse(r.groups) as string[],
        grantedBy: r.granted_by,
        ruleIndex: r.rule_index,
        lastActivity: r.last_activity,
        reviewer: r.reviewer,
        reviewerBasis: r.reviewer_basis,
        decision: current ? decisionView(current) : null,
        history: history.map(decisionView),
        outcome: await outcomeOf(r, current, ops),
        ops,
      });
    }
    return out;
  };

  const countsOf = (items: ReviewItemView[]): ReviewCounts => {
    const c: ReviewCounts = {
      items: items.length,
      decided: 0,
      open: 0,
      keep: 0,
      revoke: 0,
      changeRole: 0,
      carriedOut: 0,
      pendingChanges: 0,
    };
    for (const i of items) {
      if (!i.decision) {
        c.open++;
        continue;
      }
      c.decided++;
      if (i.decision.decision === 'keep') c.keep++;
      if (i.decision.decision === 'revoke') c.revoke++;
      if (i.decision.decision === 'change-role') c.changeRole++;
      if (i.outcome === 'done' || i.outcome === 'not-needed') c.carriedOut++;
      else if (i.outcome !== 'none') c.pendingChanges++;
    }
    return c;
  };

  const progressOf = (items: ReviewItemView[]): ReviewerProgress[] => {
    const by = new Map<string, ReviewerProgress>();
    for (const i of items) {
      const k = i.reviewer.toLowerCase();
      let p = by.get(k);
      if (!p) by.set(k, (p = { reviewer: i.reviewer, items: 0, decided: 0, open: 0 }));
      p.items++;
      if (i.decision) p.decided++;
      else p.open++;
    }
    return [...by.values()].sort((a, b) => a.reviewer.localeCompare(b.reviewer));
  };

  const summary = (c: CampaignRow, items: ReviewItemView[]): ReviewCampaignSummary => ({
    id: c.id,
    name: c.name,
    status: c.status,
    definitionId: c.definition_id,
    dueAt: c.due_at,
    overdue: c.status === 'open' && Date.parse(c.due_at) < now().getTime(),
    startedAt: c.started_at,
    startedBy: c.started_by,
    closedAt: c.closed_at,
    closedBy: c.closed_by,
    counts: countsOf(items),
    scope: JSON.parse(c.scope) as ReviewScope,
  });

  return {
    items: async (campaignId: number): Promise<ReviewItemView[]> =>
      itemViews(await repo.items(campaignId), await repo.decisions(campaignId)),
    itemViews,
    summary: async (c: CampaignRow): Promise<ReviewCampaignSummary> =>
      summary(c, await itemViews(await repo.items(c.id), await repo.decisions(c.id))),
    async campaign(c: CampaignRow): Promise<ReviewCampaignView> {
      const items = await itemViews(await repo.items(c.id), await repo.decisions(c.id));
      return {
        ...summary(c, items),
        snapshotAt: c.started_at,
        fallback: c.fallback,
        assign: JSON.parse(c.assign) as ReviewerSource[],
        reviewers: progressOf(items),
        appliedAt: c.applied_at,
        warnings: JSON.parse(c.warnings) as string[],
      };
    },
    progressOf,
    countsOf,
  };
};

export type Views = ReturnType<typeof createViews>;
