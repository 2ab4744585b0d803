// The workspace file's access-review sections, stored: `reviews:` (recurring review definitions) and `exceptions:`
// (person × app access a review revoked although a rule grants it). `config apply` replaces both with the file's;
// closing a campaign adds exceptions; an admin removes them. The planner reads exceptions (exceptionsForPlan).
import {
  accessExceptionSchema,
  reviewDefinitionSchema,
  type AccessException,
  type ReviewDefinition,
} from '../../shared/config/reviews-schema';
import type { Db } from '../store/database';

interface ExceptionRow {
  app_id: string;
  person: string;
  campaign_id: number | null;
  comment: string | null;
  created_by: string | null;
  created_at: string | null;
}

const toException = (r: ExceptionRow): AccessException => ({
  app: r.app_id,
  person: r.person,
  ...(r.campaign_id !== null ? { campaign: r.campaign_id } : {}),
  ...(r.comment !== null ? { comment: r.comment } : {}),
  ...(r.created_by !== null ? { by: r.created_by } : {}),
  ...(r.created_at !== null ? { at: r.created_at } : {}),
});

export const createWorkspaceReviewsRepo = (db: Db) => {
  const listDefs = db.prepare<[], { config: string }>(
    'SELECT config FROM review_definitions ORDER BY position',
  );
  const clearDefs = db.prepare('DELETE FROM review_definitions');
  const insertDef = db.prepare<[string, number, string]>(
    'INSERT INTO review_definitions (id, position, config) VALUES (?, ?, ?)',
  );
  const listEx = db.prepare<[], ExceptionRow>('SELECT * FROM access_exceptions ORDER BY position, rowid');
  const clearEx = db.prepare('DELETE FROM access_exceptions');
  const insertEx = db.prepare(
    `INSERT INTO access_exceptions (app_id, person, campaign_id, comment, created_by, created_at, position)
     VALUES (@app, @person, @campaign, @comment, @by, @at,
       (SELECT coalesce(max(position), -1) + 1 FROM access_exceptions))
     ON CONFLICT (app_id, lower(person)) DO NOTHING`,
  );
  const deleteEx = db.prepare<[string, string]>(
    'DELETE FROM access_exceptions WHERE app_id = ? AND lower(person) = lower(?)',
  );

  const repo = {
    definitions(): ReviewDefinition[] {
      return listDefs.all().map((r) => reviewDefinitionSchema.parse(JSON.parse(r.config)));
    },
    setDefinitions(defs: readonly ReviewDefinition[]): void {
      clearDefs.run();
      defs.forEach((d, i) => insertDef.run(d.id, i, JSON.stringify(d)));
    },
    exceptions(): AccessException[] {
      return listEx.all().map((r) => accessExceptionSchema.parse(toException(r)));
    },
    setExceptions(list: readonly AccessException[]): void {
      clearEx.run();
      for (const e of list) repo.addException(e);
    },
    /** Adds one; false when the person × app already has an exception (the first one is kept). */
    addException(e: AccessException): boolean {
      return (
        insertEx.run({
          app: e.app,
          person: e.person,
          campaign: e.campaign ?? null,
          comment: e.comment ?? null,
          by: e.by ?? null,
          at: e.at ?? null,
        }).changes > 0
      );
    },
    removeException(appId: string, person: string): boolean {
      return deleteEx.run(appId, person).changes > 0;
    },
  };
  return repo;
};

export type WorkspaceReviewsRepo = ReturnType<typeof createWorkspaceReviewsRepo>;

/**
 * The exceptions as the planner takes them: app id → lower-cased person references (id, email or login as written).
 * Read-only.
 */
export const exceptionsForPlan = (db: Db): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>();
  const rows = db
    .prepare<[], { app_id: string; person: string }>('SELECT app_id, person FROM access_exceptions')
    .all();
  for (const r of rows) {
    let set = out.get(r.app_id);
    if (!set) out.set(r.app_id, (set = new Set()));
    set.add(r.person.toLowerCase());
  }
  return out;
};
