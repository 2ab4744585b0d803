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
import type { AccessExceptions } from '../sync/types';

interface ExceptionRow {
  app_id: string;
  person: string;
  role: string | null;
  campaign_id: number | null;
  comment: string | null;
  created_by: string | null;
  created_at: string | null;
}

const toException = (r: ExceptionRow): AccessException => ({
  app: r.app_id,
  person: r.person,
  ...(r.role !== null ? { role: r.role } : {}),
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
    `INSERT INTO access_exceptions (app_id, person, role, campaign_id, comment, created_by, created_at, position)
     VALUES (@app, @person, @role, @campaign, @comment, @by, @at,
       (SELECT coalesce(max(position), -1) + 1 FROM access_exceptions))
     ON CONFLICT (app_id, lower(person)) DO UPDATE SET
       role = excluded.role, campaign_id = excluded.campaign_id, comment = excluded.comment,
       created_by = excluded.created_by, created_at = excluded.created_at
     WHERE access_exceptions.role IS NOT excluded.role`,
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
    /**
     * Adds one; a later decision on the same person × app replaces an earlier one that differs (a revoke replaces a
     * role, a new role the old one). False when the same exception is already there (the first one is kept).
     */
    addException(e: AccessException): boolean {
      return (
        insertEx.run({
          app: e.app,
          person: e.person,
          role: e.role ?? null,
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
 * The exceptions as the planner takes them: app id → lower-cased person reference (id, email or login as written) →
 * the role the review decided, or null when it revoked the access. Read-only.
 */
export const exceptionsForPlan = (db: Db): AccessExceptions => {
  const out = new Map<string, Map<string, string | null>>();
  const rows = db
    .prepare<[], { app_id: string; person: string; role: string | null }>(
      'SELECT app_id, person, role FROM access_exceptions',
    )
    .all();
  for (const r of rows) {
    let refs = out.get(r.app_id);
    if (!refs) out.set(r.app_id, (refs = new Map()));
    refs.set(r.person.toLowerCase(), r.role);
  }
  return out;
};
