// Names for the audit ledger's person ids, read from the directory snapshot (the `people` table): the list shows
// "Ana Kim" rather than "00u1a2b3", exports carry name and email beside the id, and a person filter says whom it
// matched. The ledger itself keeps ids only: a name is what the directory says now, not part of the signed record.
import type { AuditPersonName } from '../../shared/api/methods-audit';
import type { Db } from '../store/database';
import { PERSON_MATCH_SQL, personQuery } from './filter';

interface PersonRow {
  id: string;
  login: string;
  email: string | null;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
}

const COLUMNS = 'id, login, email, display_name, given_name, family_name';

const toName = (r: PersonRow): AuditPersonName => {
  const full = [r.given_name, r.family_name].filter((s) => s && s.trim()).join(' ');
  return { id: r.id, name: r.display_name?.trim() || full || null, email: r.email, login: r.login };
};

export const createPeopleNames = (db: Db) => {
  const byId = db.prepare<[string], PersonRow>(`SELECT ${COLUMNS} FROM people WHERE id = ?`);
  const matching = db.prepare<[string, string, string, string, string], PersonRow>(
    `SELECT ${COLUMNS} FROM people WHERE id IN (${PERSON_MATCH_SQL}) ORDER BY display_name, login`,
  );
  const all = db.prepare<[], PersonRow>(`SELECT ${COLUMNS} FROM people`);
  return {
    /** The named people among these ids (ids not in the snapshot are left out). */
    byIds(ids: Iterable<string>): Record<string, AuditPersonName> {
      const out: Record<string, AuditPersonName> = {};
      for (const id of new Set(ids)) {
        const row = byId.get(id);
        if (row) out[id] = toName(row);
      }
      return out;
    },
    /** Everyone a person filter matches (the same rule as the filter's SQL). */
    matching(text: string): AuditPersonName[] {
      const q = personQuery(text);
      return matching.all(q, q, q, q, q).map(toName);
    },
    /**
     * Every person, read before an export starts: an export iterates an open SQLite cursor, during which this
     * connection runs no other statement, so names cannot be looked up row by row.
     */
    lookup(): (id: string) => AuditPersonName | undefined {
      const map = new Map(all.all().map((r) => [r.id, toName(r)] as const));
      return (id) => map.get(id);
    },
  };
};

export type PeopleNames = ReturnType<typeof createPeopleNames>;
