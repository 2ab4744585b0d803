// Turning an audit filter (person, app, action, op kind, since/until) into SQL. Times are ISO date/times or ages
// ("24h", "7d") relative to the clock; `at` is always stored as toISOString(), so string comparison is time order.
//
// A person's events are stored under their directory id, but admins know people by name, email or login: `person`
// matches the id itself OR everyone in the directory snapshot whose email, login or name (display name, or given
// + family name) equals it, ignoring case (ASCII) and extra spaces. A name several people share matches all of
// them (the API lists who matched, see people-names.ts). An id no longer in the snapshot still matches its events.
import type { AuditFilter } from '../../shared/api/methods-audit';
import { LanyardError } from '../app/errors';
import type { Clock } from '../app/clock';
import { sql, type RawBuilder, type SqlBool } from 'kysely';

const AGE = /^(\d{1,9})\s*(s|m|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86_400e3, w: 604_800e3 };

/** "2026-11-28", "2026-11-28T10:00:00+01:00" or an age ("15m", "24h", "7d") → ISO 8601 UTC. */
export const parseTime = (text: string, clock: Clock, field: string): string => {
  const t = text.trim();
  const age = AGE.exec(t);
  if (age)
    return new Date(clock.now().getTime() - Number(age[1]) * UNIT_MS[age[2]!.toLowerCase()]!).toISOString();
  const ms = /^\d{4}-\d{2}-\d{2}/.test(t) ? Date.parse(t) : NaN;
  if (Number.isNaN(ms)) {
    throw new LanyardError('bad_input', `${field}: "${t.slice(0, 40)}" is not a date, time or age`, {
      path: field,
      hint: 'Use an ISO date or time such as 2026-11-28 or 2026-11-28T09:30:00Z, or an age such as 30m, 24h or 7d.',
    });
  }
  return new Date(ms).toISOString();
};

export interface FilterSql {
  /** "" or " WHERE …" */
  where: string;
  params: (string | number)[];
}

/** Normalises a person query the same way for the filter and for the list of who it matched. */
export const personQuery = (text: string): string => text.trim().replace(/\s+/g, ' ');

/**
 * People whose email, login or name equals the bound query (5 parameters, all the query). SQLite's lower() folds
 * ASCII only, so "ÉLODIE" does not match "élodie"; the exact spelling always does.
 */
export const PERSON_MATCH_SQL = `SELECT id FROM people WHERE lower(email) = lower(?) OR lower(login) = lower(?)
  OR lower(display_name) = lower(?)
  OR lower(trim(coalesce(given_name, '') || ' ' || coalesce(family_name, ''))) = lower(?) OR id = ?`;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const filterSql = (
  filter: AuditFilter,
  clock: Clock,
  extra: { beforeSeq?: number; engine?: 'sqlite' | 'postgres' } = {},
): FilterSql => {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.person !== undefined) {
    const q = personQuery(filter.person);
    clauses.push(`person_id IN (SELECT ? UNION ${PERSON_MATCH_SQL})`);
    params.push(filter.person, q, q, q, q, q);
  }
  if (filter.app !== undefined) {
    clauses.push('app_id = ?');
    params.push(filter.app);
  }
  if (filter.action !== undefined) {
    if (filter.action.endsWith('*')) {
      clauses.push("action LIKE ? ESCAPE '\\'");
      params.push(`${escapeLike(filter.action.slice(0, -1))}%`);
    } else {
      clauses.push('action = ?');
      params.push(filter.action);
    }
  }
  if (filter.kind !== undefined) {
    // The op's kind is in `before` for applied and failed ops, in `after` for held, approved and skipped ones.
    clauses.push(
      extra.engine === 'postgres'
        ? "coalesce(before::jsonb ->> 'kind', after::jsonb ->> 'kind') = ?"
        : "coalesce(json_extract(before, '$.kind'), json_extract(after, '$.kind')) = ?",
    );
    params.push(filter.kind);
  }
  if (filter.since !== undefined) {
    clauses.push('at >= ?');
    params.push(parseTime(filter.since, clock, 'since'));
  }
  if (filter.until !== undefined) {
    clauses.push('at < ?');
    params.push(parseTime(filter.until, clock, 'until'));
  }
  if (extra.beforeSeq !== undefined) {
    clauses.push('seq < ?');
    params.push(extra.beforeSeq);
  }
  return { where: clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '', params };
};

/** SQL text with `?` placeholders and its parameters as one Kysely fragment (parameters bound per dialect). */
export const withParams = (text: string, params: readonly unknown[]): RawBuilder<SqlBool> => {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error('placeholders and parameters do not match');
  return sql<SqlBool>(
    Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray,
    ...params,
  );
};
