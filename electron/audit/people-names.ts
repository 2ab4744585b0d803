// Names for the audit ledger's person ids, read from the directory snapshot (the `people` table): the list shows
// "Ana Kim" rather than "00u1a2b3", exports carry name and email beside the id, and a person filter says whom it
// matched. The ledger itself keeps ids only: a name is what the directory says now, not part of the signed record.
import type { AuditPersonName } from '../../shared/api/methods-audit';
import { sql, type SqlBool } from 'kysely';
import type { Store } from '../store/store';
import { PERSON_MATCH_SQL, personQuery, withParams } from './filter';

interface PersonRow {
  id: string;
  login: string;
  email: string | null;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
}

const toName = (r: PersonRow): AuditPersonName => {
  const full = [r.given_name, r.family_name].filter((s) => s && s.trim()).join(' ');
  return { id: r.id, name: r.display_name?.trim() || full || null, email: r.email, login: r.login };
};

export const createPeopleNames = (store: Store) => {
  const people = () =>
    store
      .q()
      .selectFrom('people')
      .select(['id', 'login', 'email', 'display_name', 'given_name', 'family_name']);
  return {
    /** The named people among these ids (ids not in the snapshot are left out). */
    async byIds(ids: Iterable<string>): Promise<Record<string, AuditPersonName>> {
      const wanted = [...new Set(ids)];
      const out: Record<string, AuditPersonName> = {};
      if (!wanted.length) return out;
      for (const row of await people().where('id', 'in', wanted).execute()) out[row.id] = toName(row);
      return out;
    },
    /** Everyone a person filter matches (the same rule as the filter's SQL). */
    async matching(text: string): Promise<AuditPersonName[]> {
      const q = personQuery(text);
      const rows = await people()
        .where(sql<SqlBool>`id IN (${withParams(PERSON_MATCH_SQL, [q, q, q, q, q])})`)
        .orderBy(sql`coalesce(display_name, '')`) // NULLs first on both engines (PostgreSQL sorts them last)
        .orderBy('login')
        .orderBy('id')
        .execute();
      return rows.map(toName);
    },
    /** Every person, read before an export starts, so names need no lookup per row. */
    async lookup(): Promise<(id: string) => AuditPersonName | undefined> {
      const map = new Map((await people().execute()).map((r) => [r.id, toName(r)] as const));
      return (id) => map.get(id);
    },
  };
};

export type PeopleNames = ReturnType<typeof createPeopleNames>;
