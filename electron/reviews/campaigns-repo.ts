// SQL for campaigns, their item snapshot and the decision history (schema 7). Callers own the transactions.
import type {
  ReviewDecisionKind,
  ReviewDecisionSource,
  ReviewDecisionView,
  ReviewItemKind,
  ReviewScope,
  ReviewerBasis,
} from '../../shared/api/methods-reviews';
import type { ReviewerSource } from '../../shared/config/reviews-schema';
import type { Db } from '../store/database';
import type { ItemDraft } from './snapshot';

export interface CampaignRow {
  id: number;
  name: string;
  status: 'open' | 'closed';
  definition_id: string | null;
  period: string | null;
  scope: string;
  assign: string;
  reviewers: string;
  fallback: string;
  due_at: string;
  started_at: string;
  started_by: string;
  closed_at: string | null;
  closed_by: string | null;
  applied_at: string | null;
  sheet_key: string;
  warnings: string;
  close_anchor: string | null;
  close_anchor_note: string | null;
}

export interface ItemRow {
  id: number;
  campaign_id: number;
  kind: ReviewItemKind;
  app_id: string;
  app_name: string;
  app_kind: 'scim' | 'github' | 'manual';
  person_id: string | null;
  person: string | null;
  display_name: string | null;
  person_status: string | null;
  remote_id: string;
  user_name: string;
  email: string | null;
  active: number;
  role: string | null;
  groups: string;
  granted_by: string;
  rule_index: number | null;
  last_activity: string | null;
  reviewer: string;
  reviewer_basis: ReviewerBasis;
  decision_id: number | null;
  op_keys: string;
}

export interface DecisionRow {
  id: number;
  item_id: number;
  campaign_id: number;
  decision: ReviewDecisionKind;
  role: string | null;
  reassign_to: string | null;
  comment: string | null;
  decided_by: string;
  for_reviewer: string;
  source: ReviewDecisionSource;
  decided_at: string;
  audit_seq: number;
}

export const decisionView = (d: DecisionRow): ReviewDecisionView => ({
  decision: d.decision,
  role: d.role,
  reassignTo: d.reassign_to,
  comment: d.comment,
  decidedBy: d.decided_by,
  forReviewer: d.for_reviewer,
  source: d.source,
  decidedAt: d.decided_at,
  auditSeq: d.audit_seq,
});

export interface NewCampaign {
  name: string;
  definitionId: string | null;
  period: string | null;
  scope: ReviewScope;
  assign: readonly ReviewerSource[];
  reviewers: Record<string, string>;
  fallback: string;
  dueAt: string;
  startedAt: string;
  startedBy: string;
  sheetKey: string;
  warnings: string[];
}

export const createCampaignsRepo = (db: Db) => {
  const insertCampaign = db.prepare(
    `INSERT INTO review_campaigns (name, status, definition_id, period, scope, assign, reviewers, fallback, due_at,
       started_at, started_by, sheet_key, warnings)
     VALUES (@name, 'open', @definitionId, @period, @scope, @assign, @reviewers, @fallback, @dueAt, @startedAt,
       @startedBy, @sheetKey, @warnings)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO review_items (campaign_id, kind, app_id, app_name, app_kind, person_id, person, display_name,
       person_status, remote_id, user_name, email, active, role, groups, granted_by, rule_index, last_activity,
       reviewer, reviewer_basis)
     VALUES (@campaignId, @kind, @appId, @appName, @appKind, @personId, @person, @displayName, @personStatus,
       @remoteId, @userName, @email, @active, @role, @groups, @grantedBy, @ruleIndex, @lastActivity, @reviewer,
       @reviewerBasis)`,
  );
  const getCampaign = db.prepare<[number], CampaignRow>('SELECT * FROM review_campaigns WHERE id = ?');
  const listCampaigns = db.prepare<[], CampaignRow>('SELECT * FROM review_campaigns ORDER BY id DESC');
  const items = db.prepare<[number], ItemRow>('SELECT * FROM review_items WHERE campaign_id = ? ORDER BY id');
  const item = db.prepare<[number], ItemRow>('SELECT * FROM review_items WHERE id = ?');
  const decisions = db.prepare<[number], DecisionRow>(
    'SELECT * FROM review_decisions WHERE campaign_id = ? ORDER BY id',
  );
  const decision = db.prepare<[number], DecisionRow>('SELECT * FROM review_decisions WHERE id = ?');
  const insertDecision = db.prepare(
    `INSERT INTO review_decisions (item_id, campaign_id, decision, role, reassign_to, comment, decided_by,
       for_reviewer, source, decided_at, audit_seq)
     VALUES (@itemId, @campaignId, @decision, @role, @reassignTo, @comment, @decidedBy, @forReviewer, @source,
       @decidedAt, @auditSeq)`,
  );
  const setItemDecision = db.prepare<[number | null, number]>(
    'UPDATE review_items SET decision_id = ? WHERE id = ?',
  );
  const reassign = db.prepare<[string, number]>(
    "UPDATE review_items SET reviewer = ?, reviewer_basis = 'reassigned', decision_id = NULL WHERE id = ?",
  );
  const setOpKeys = db.prepare<[string, number]>('UPDATE review_items SET op_keys = ? WHERE id = ?');
  const close = db.prepare(
    `UPDATE review_campaigns SET status = 'closed', closed_at = @at, closed_by = @by, close_anchor = @anchor,
       close_anchor_note = @note WHERE id = @id AND status = 'open'`,
  );
  const applied = db.prepare<[string, number]>('UPDATE review_campaigns SET applied_at = ? WHERE id = ?');
  const byPeriod = db.prepare<[string, string], { id: number }>(
    'SELECT id FROM review_campaigns WHERE definition_id = ? AND period = ?',
  );

  return {
    insert(c: NewCampaign, drafts: readonly ItemDraft[]): number {
      const id = Number(
        insertCampaign.run({
          ...c,
          scope: JSON.stringify(c.scope),
          assign: JSON.stringify(c.assign),
          reviewers: JSON.stringify(c.reviewers),
          warnings: JSON.stringify(c.warnings),
        }).lastInsertRowid,
      );
      for (const d of drafts)
        insertItem.run({ ...d, campaignId: id, active: d.active ? 1 : 0, groups: JSON.stringify(d.groups) });
      return id;
    },
    campaign: (id: number): CampaignRow | undefined => getCampaign.get(id),
    campaigns: (): CampaignRow[] => listCampaigns.all(),
    items: (campaignId: number): ItemRow[] => items.all(campaignId),
    item: (id: number): ItemRow | undefined => item.get(id),
    decisions: (campaignId: number): DecisionRow[] => decisions.all(campaignId),
    decision: (id: number): DecisionRow | undefined => decision.get(id),
    addDecision(d: {
      itemId: number;
      campaignId: number;
      decision: ReviewDecisionKind;
      role: string | null;
      reassignTo: string | null;
      comment: string | null;
      decidedBy: string;
      forReviewer: string;
      source: ReviewDecisionSource;
      decidedAt: string;
      auditSeq: number;
    }): number {
      return Number(insertDecision.run(d).lastInsertRowid);
    },
    setDecision: (itemId: number, decisionId: number | null): void =>
      void setItemDecision.run(decisionId, itemId),
    reassign: (itemId: number, reviewer: string): void => void reassign.run(reviewer, itemId),
    setOpKeys: (itemId: number, keys: string[]): void => void setOpKeys.run(JSON.stringify(keys), itemId),
    close: (id: number, at: string, by: string, anchor: string | null, note: string): boolean =>
      close.run({ id, at, by, anchor, note }).changes > 0,
    markApplied: (id: number, at: string): void => void applied.run(at, id),
    byPeriod: (definitionId: string, period: string): number | null =>
      byPeriod.get(definitionId, period)?.id ?? null,
  };
};

export type CampaignsRepo = ReturnType<typeof createCampaignsRepo>;
