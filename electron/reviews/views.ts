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
import type { Db } from '../store/database';
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

export const createViews = (db: Db, repo: CampaignsRepo, now: () => Date) => {
  const opByKey = db.prepare<
    [string],
    { id: number; kind: string; status: string; error: string | null; held_reason: string | null }
  >(
    'SELECT id, kind, status, error, held_reason FROM plan_ops WHERE idempotency_key = ? ORDER BY id DESC LIMIT 1',
  );
  const stillActive = db.prepare<[string, string], { active: number }>(
    'SELECT active FROM accounts WHERE app_id = ? AND remote_id = ?',
  );
  const opSeqs = db.prepare<[number, number], { seq: number }>(
    `SELECT seq FROM audit_events WHERE action LIKE 'op.%'
       AND (json_extract(before, '$.op') = ? OR json_extract(after, '$.op') = ?) ORDER BY seq`,
  );

  const opsOf = (row: ItemRow): ReviewItemOp[] =>
    (JSON.parse(row.op_keys) as string[]).flatMap((key) => {
      const op = key === NOT_NEEDED ? undefined : opByKey.get(key);
      if (!op) return [];
      return [
        {
          opId: op.id,
          kind: op.kind as SyncOpKind,
          status: op.status as SyncOpStatus,
          error: op.error,
          heldReason: op.held_reason,
          auditSeqs: opSeqs.all(op.id, op.id).map((r) => r.seq),
        },
      ];
    });

  const outcomeOf = (
    row: ItemRow,
    current: DecisionRow | undefined,
    ops: ReviewItemOp[],
  ): ReviewOutcomeStatus => {
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
        stillActive.get(row.app_id, row.remote_id)?.active === 1
        ? 'task-open'
        : 'done';
    if (has('superseded')) return 'superseded';
    return 'skipped';
  };

  const itemViews = (rows: ItemRow[], all: DecisionRow[]): ReviewItemView[] => {
    const byItem = new Map<number, DecisionRow[]>();
    for (const d of all) {
      let list = byItem.get(d.item_id);
      if (!list) byItem.set(d.item_id, (list = []));
      list.push(d);
    }
    return rows.map((r) => {
      const history = byItem.get(r.id) ?? [];
      const current = r.decision_id === null ? undefined : history.find((d) => d.id === r.decision_id);
      const ops = opsOf(r);
      return {
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
        outcome: outcomeOf(r, current, ops),
        ops,
      };
    });
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
    items: (campaignId: number): ReviewItemView[] =>
      itemViews(repo.items(campaignId), repo.decisions(campaignId)),
    itemViews,
    summary: (c: CampaignRow): ReviewCampaignSummary =>
      summary(c, itemViews(repo.items(c.id), repo.decisions(c.id))),
    campaign(c: CampaignRow): ReviewCampaignView {
      const items = itemViews(repo.items(c.id), repo.decisions(c.id));
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
