// Reading one value out of a JSON text column on either engine (docs/team-server.md, "Schema on PostgreSQL"): SQLite
// has json_extract/json_type, PostgreSQL the jsonb operators. The column must always hold valid JSON (the app only
// writes JSON.stringify), as PostgreSQL's ::jsonb cast refuses anything else.
import { sql, type RawBuilder } from 'kysely';
import type { Store } from './store';

/** A JSON path `$."a"."b"` (SQLite) / `{a,b}` (PostgreSQL) from its keys. */
const sqlitePath = (keys: readonly string[]): string =>
  `$${keys.map((k) => `.${JSON.stringify(k)}`).join('')}`;

/**
 * The string at `keys` in the JSON of `column`, else NULL (missing, null, or another type: a number or an object
 * is NULL on both engines, where json_extract alone would return it on SQLite).
 */
export const jsonString = (
  store: Pick<Store, 'engine'>,
  column: string,
  keys: readonly string[],
): RawBuilder<string | null> =>
  store.engine === 'postgres'
    ? sql<
        string | null
      >`(CASE WHEN jsonb_typeof(${sql.ref(column)}::jsonb #> ${sql.val([...keys])}::text[]) = 'string'
        THEN ${sql.ref(column)}::jsonb #>> ${sql.val([...keys])}::text[] END)`
    : sql<
        string | null
      >`(CASE WHEN json_type(${sql.ref(column)}, ${sqlitePath(keys)}) = 'text' THEN json_extract(${sql.ref(column)}, ${sqlitePath(keys)}) END)`;
