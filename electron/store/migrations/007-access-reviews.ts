// Schema 7: access reviews (issue #13, electron/reviews/).
// - review_campaigns: one campaign: scope, reviewer assignment, due date, who started and closed it, the ledger's
//   signed head at closing, and `sheet_key`: a random per-campaign key for the check value on each sheet row
//   (an HMAC over campaign id, item id and the account columns), so a row from another campaign, a forged row or
//   a changed account column is refused on import. The key never leaves the database.
// - review_items: the snapshot taken at start (one row per account in scope, orphans and departed people's
//   accounts included) with its reviewer and the current decision; `op_keys`: the idempotency keys of the ops
//   proposed to the gate to carry the decision out (the journal, plan_ops, has their outcome).
// - review_decisions: every decision, append-only history (a "not mine" moves the item to another reviewer).
// - review_definitions / access_exceptions: the workspace file's `reviews:` and `exceptions:` sections.
import type { Migration } from './index';

export const m007AccessReviews: Migration = {
  version: 7,
  name: 'access-reviews',
  up(db) {
    db.exec(`
      CREATE TABLE review_campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open','closed')),
        definition_id TEXT,
        period TEXT,
        scope TEXT NOT NULL,
        assign TEXT NOT NULL,
        reviewers TEXT NOT NULL DEFAULT '{}',
        fallback TEXT NOT NULL,
        due_at TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT,
        applied_at TEXT,
        sheet_key TEXT NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]',
        close_anchor TEXT,
        close_anchor_note TEXT
      ) STRICT;
      CREATE UNIQUE INDEX review_campaigns_period ON review_campaigns(definition_id, period)
        WHERE definition_id IS NOT NULL;
      CREATE INDEX review_campaigns_status ON review_campaigns(status, due_at);

      CREATE TABLE review_items (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES review_campaigns(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('account','orphan','departed')),
        app_id TEXT NOT NULL,
        app_name TEXT NOT NULL,
        app_kind TEXT NOT NULL,
        person_id TEXT,
        person TEXT,
        display_name TEXT,
        person_status TEXT,
        remote_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        email TEXT,
        active INTEGER NOT NULL,
        role TEXT,
        groups TEXT NOT NULL DEFAULT '[]',
        granted_by TEXT NOT NULL,
        rule_index INTEGER,
        last_activity TEXT,
        reviewer TEXT NOT NULL,
        reviewer_basis TEXT NOT NULL,
        decision_id INTEGER,
        op_keys TEXT NOT NULL DEFAULT '[]',
        UNIQUE (campaign_id, app_id, remote_id)
      ) STRICT;
      CREATE INDEX review_items_reviewer ON review_items(campaign_id, lower(reviewer));

      CREATE TABLE review_decisions (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES review_items(id) ON DELETE CASCADE,
        campaign_id INTEGER NOT NULL REFERENCES review_campaigns(id) ON DELETE CASCADE,
        decision TEXT NOT NULL CHECK (decision IN ('keep','revoke','change-role','not-mine')),
        role TEXT,
        reassign_to TEXT,
        comment TEXT,
        decided_by TEXT NOT NULL,
        for_reviewer TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('ui','sheet','cli')),
        decided_at TEXT NOT NULL,
        audit_seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX review_decisions_item ON review_decisions(item_id);

      CREATE TABLE review_definitions (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        config TEXT NOT NULL
      ) STRICT;

      CREATE TABLE access_exceptions (
        app_id TEXT NOT NULL,
        person TEXT NOT NULL,
        campaign_id INTEGER,
        comment TEXT,
        created_by TEXT,
        created_at TEXT,
        position INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE UNIQUE INDEX access_exceptions_key ON access_exceptions(app_id, lower(person));
    `);
  },
};
