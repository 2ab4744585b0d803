// The workspace file's access-review sections, stored: `reviews:` (recurring review definitions) and `exceptions:`
// (person × app access a review revoked although a rule grants it). `config apply` replaces both with the file's;
// closing a campaign adds exceptions; an admin removes them. The planner reads exceptions (exceptionsForPlan).
import {
  accessExceptionSchema,
  reviewDefinitionSchema,
  type AccessException,
  type ReviewDefinition,
} from '../../shared/config/reviews-schema';
import { sql } from 'kysely';
import type { Store } from '../store/store';
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

export const createWorkspaceReviewsRepo = (store: Store) => {
  const repo = {
    async definitions(): Promise<ReviewDefinition[]> {
      const rows = await store
        .q()
        .selectFrom('review_definitions')
        .select('config')
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map((r) => reviewDefinitionSchema.parse(JSON.parse(r.config)));
    },
    /** Replaces every definition (callers hold the transaction). */
    async setDefinitions(defs: readonly ReviewDefinition[]): Promise<void> {
      await store.q().deleteFrom('review_definitions').execute();
      for (const [i, d] of defs.entries())
        await store
          .q()
          .insertInto('review_definitions')
          .values({ id: d.id, position: i, config: JSON.stringify(d) })
          .execute();
    },
    async exceptions(): Promise<AccessException[]> {
      // position is unique in practice (each insert takes max + 1); app and person make the order total.
      const rows = await store
        .q()
        .selectFrom('access_exceptions')
        .select(['app_id', 'person', 'role', 'campaign_id', 'comment', 'created_by', 'created_at'])
        .orderBy('position')
        .orderBy('app_id')
        .orderBy(sql`lower(person)`)
        .execute();
      return rows.map((r) => accessExceptionSchema.parse(toException(r)));
    },
    /** Replaces every exception (callers hold the transaction). */
    async setExceptions(list: readonly AccessException[]): Promise<void> {
      await store.q().deleteFrom('access_exceptions').execute();
      for (const e of list) await repo.addException(e);
    },
    /**
     * Adds one; a later decision on the same person × app replaces an earlier one that differs (a revoke replaces a
     * role, a new role the old one). False when the same exception is already there (the first one is kept).
     */
    async addException(e: AccessException): Promise<boolean> {
      // The conflict target is the unique index on (app_id, lower(person)); "the role differs" is IS NOT on SQLite
      // and IS DISTINCT FROM on PostgreSQL (both null-safe). Written as SQL so the ON CONFLICT check of
      // test/integration/pg-migrate.test.ts keeps finding its target.
      const differs = store.engine === 'postgres' ? sql`IS DISTINCT FROM` : sql`IS NOT`;
      const r = await sql`
        INSERT INTO access_exceptions (app_id, person, role, campaign_id, comment, created_by, created_at, position)
        VALUES (${e.app}, ${e.person}, ${e.role ?? null}, ${e.campaign ?? null}, ${e.comment ?? null},
          ${e.by ?? null}, ${e.at ?? null}, (SELECT coalesce(max(position), -1) + 1 FROM access_exceptions))
        ON CONFLICT (app_id, lower(person)) DO UPDATE SET
          role = excluded.role, campaign_id = excluded.campaign_id, comment = excluded.comment,
          created_by = excluded.created_by, created_at = excluded.created_at
        WHERE access_exceptions.role ${differs} excluded.role`.execute(store.q());
      return Number(r.numAffectedRows ?? 0) > 0;
    },
    async removeException(appId: string, person: string): Promise<boolean> {
      const r = await store
        .q()
        .deleteFrom('access_exceptions')
        .where('app_id', '=', appId)
        .where(sql`lower(person)`, '=', sql`lower(${person})`)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
  return repo;
};

export type WorkspaceReviewsRepo = ReturnType<typeof createWorkspaceReviewsRepo>;

/**
 * The exceptions as the planner takes them: app id → lower-cased person reference (id, email or login as written) →
 * the role the review decided, or null when it revoked the access. Read-only.
 */
export const exceptionsForPlan = async (store: Store): Promise<AccessExceptions> => {
  const out = new Map<string, Map<string, string | null>>();
  const rows = await store.q().selectFrom('access_exceptions').select(['app_id', 'person', 'role']).execute();
  for (const r of rows) {
    let refs = out.get(r.app_id);
    if (!refs) out.set(r.app_id, (refs = new Map()));
    refs.set(r.person.toLowerCase(), r.role);
  }
  return out;
};
