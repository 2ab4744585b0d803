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
import type { Store } from '../store/store';
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

export const createCampaignsRepo = (store: Store) => {
  const items = () => store.q().selectFrom('review_items').selectAll();
  const decisions = () => store.q().selectFrom('review_decisions').selectAll();
  return {
    /** The campaign and its item snapshot (callers hold the transaction). */
    async insert(c: NewCampaign, drafts: readonly ItemDraft[]): Promise<number> {
      const row = await store
        .q()
        .insertInto('review_campaigns')
        .values({
          name: c.name,
          status: 'open',
          definition_id: c.definitionId,
          period: c.period,
          scope: JSON.stringify(c.scope),
          assign: JSON.stringify(c.assign),
          reviewers: JSON.stringify(c.reviewers),
          fallback: c.fallback,
          due_at: c.dueAt,
          started_at: c.startedAt,
          started_by: c.startedBy,
          sheet_key: c.sheetKey,
          warnings: JSON.stringify(c.warnings),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      for (const d of drafts)
        await store
          .q()
          .insertInto('review_items')
          .values({
            campaign_id: id,
            kind: d.kind,
            app_id: d.appId,
            app_name: d.appName,
            app_kind: d.appKind,
            person_id: d.personId,
            person: d.person,
            display_name: d.displayName,
            person_status: d.personStatus,
            remote_id: d.remoteId,
            user_name: d.userName,
            email: d.email,
            active: d.active ? 1 : 0,
            role: d.role,
            groups: JSON.stringify(d.groups),
            granted_by: d.grantedBy,
            rule_index: d.ruleIndex,
            last_activity: d.lastActivity,
            reviewer: d.reviewer,
            reviewer_basis: d.reviewerBasis,
          })
          .execute();
      return id;
    },
    campaign: async (id: number): Promise<CampaignRow | undefined> =>
      (await store.q().selectFrom('review_campaigns').selectAll().where('id', '=', id).executeTakeFirst()) as
        CampaignRow | undefined,
    campaigns: async (): Promise<CampaignRow[]> =>
      (await store
        .q()
        .selectFrom('review_campaigns')
        .selectAll()
        .orderBy('id', 'desc')
        .execute()) as CampaignRow[],
    items: async (campaignId: number): Promise<ItemRow[]> =>
      (await items().where('campaign_id', '=', campaignId).orderBy('id').execute()) as ItemRow[],
    item: async (id: number): Promise<ItemRow | undefined> =>
      (await items().where('id', '=', id).executeTakeFirst()) as ItemRow | undefined,
    decisions: async (campaignId: number): Promise<DecisionRow[]> =>
      (await decisions().where('campaign_id', '=', campaignId).orderBy('id').execute()) as DecisionRow[],
    decision: async (id: number): Promise<DecisionRow | undefined> =>
      (await decisions().where('id', '=', id).executeTakeFirst()) as DecisionRow | undefined,
    async addDecision(d: {
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
    }): Promise<number> {
      const row = await store
        .q()
        .insertInto('review_decisions')
        .values({
          item_id: d.itemId,
          campaign_id: d.campaignId,
          decision: d.decision,
          role: d.role,
          reassign_to: d.reassignTo,
          comment: d.comment,
          decided_by: d.decidedBy,
          for_reviewer: d.forReviewer,
          source: d.source,
          decided_at: d.decidedAt,
          audit_seq: d.auditSeq,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async setDecision(itemId: number, decisionId: number | null): Promise<void> {
      await store
        .q()
        .updateTable('review_items')
        .set({ decision_id: decisionId })
        .where('id', '=', itemId)
        .execute();
    },
    async reassign(itemId: number, reviewer: string): Promise<void> {
      await store
        .q()
        .updateTable('review_items')
        .set({ reviewer, reviewer_basis: 'reassigned', decision_id: null })
        .where('id', '=', itemId)
        .execute();
    },
    async setOpKeys(itemId: number, keys: string[]): Promise<void> {
      await store
        .q()
        .updateTable('review_items')
        .set({ op_keys: JSON.stringify(keys) })
        .where('id', '=', itemId)
        .execute();
    },
    async close(id: number, at: string, by: string, anchor: string | null, note: string): Promise<boolean> {
      const r = await store
        .q()
        .updateTable('review_campaigns')
        .set({
          status: 'closed',
          closed_at: at,
          closed_by: by,
          close_anchor: anchor,
          close_anchor_note: note,
        })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async markApplied(id: number, at: string): Promise<void> {
      await store.q().updateTable('review_campaigns').set({ applied_at: at }).where('id', '=', id).execute();
    },
    async byPeriod(definitionId: string, period: string): Promise<number | null> {
      const r = await store
        .q()
        .selectFrom('review_campaigns')
        .select('id')
        .where('definition_id', '=', definitionId)
        .where('period', '=', period)
        .executeTakeFirst();
      return r?.id ?? null;
    },
  };
};

export type CampaignsRepo = ReturnType<typeof createCampaignsRepo>;
