// Reads a migrated schema back from SQLite (sqlite_master and pragmas) and from PostgreSQL (information_schema and
// the catalogs) into one engine-neutral shape, so pg-schema-parity.test.ts can compare the two engines directly.
// Types are reduced to SQLite's storage classes; index keys and predicates to a normalized text (lower case, no
// casts, spaces, quotes or parentheses; PostgreSQL's `x = ANY (ARRAY[…])` read as SQLite's `x IN (…)`).
import type pg from 'pg';
import type { Db } from '../../electron/store/database';

export interface Column {
  name: string;
  type: string;
  notNull: boolean;
  /** The DEFAULT expression, normalized; null when none. */
  default: string | null;
  /** The database chooses the value: a rowid alias on SQLite, an identity on PostgreSQL. */
  auto: boolean;
}

export interface Index {
  table: string;
  /** null for the index behind a UNIQUE constraint, whose name each engine makes up. */
  name: string | null;
  unique: boolean;
  keys: string[];
  where: string | null;
}

export interface Schema {
  tables: Record<string, { columns: Column[]; primaryKey: string[]; foreignKeys: string[] }>;
  indexes: Index[];
  /** trigger name → table */
  triggers: Record<string, string>;
}

export const normalize = (sql: string): string =>
  sql
    .toLowerCase()
    .replace(/::[a-z_]+( precision| varying)?(\[\])?/g, '')
    .replace(/\s*=\s*any\s*\(\s*array\[(.*?)\]\s*\)/g, ' in ($1)')
    .replace(/[\s()"]/g, '');

const STORAGE: Record<string, string> = {
  text: 'TEXT',
  bigint: 'INTEGER',
  integer: 'INTEGER',
  smallint: 'INTEGER',
  'double precision': 'REAL',
  bytea: 'BLOB',
};

const fkText = (from: string[], table: string, to: string[], onDelete: string): string =>
  `(${from.join(',')}) → ${table}(${to.join(',')}) on delete ${onDelete.toLowerCase()}`;

/** The key list and WHERE of `CREATE [UNIQUE] INDEX name ON table(k1, f(k2)) [WHERE …]`, top-level split. */
const parseIndexSql = (sql: string): { keys: string[]; where: string | null } => {
  const open = sql.indexOf('(', sql.search(/\bON\b/i));
  let depth = 0;
  let start = open + 1;
  const keys: string[] = [];
  for (let i = open; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) {
      keys.push(sql.slice(start, i));
      const rest = sql.slice(i + 1).trim();
      return { keys: keys.map(normalize), where: rest ? normalize(rest.replace(/^WHERE\s+/i, '')) : null };
    } else if (ch === ',' && depth === 1) {
      keys.push(sql.slice(start, i));
      start = i + 1;
    }
  }
  throw new Error(`cannot parse index: ${sql}`);
};

export const sqliteSchema = (db: Db): Schema => {
  const schema: Schema = { tables: {}, indexes: [], triggers: {} };
  const master = db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  for (const { name: table } of master.filter((m) => m.type === 'table')) {
    const info = db.pragma(`table_info(${table})`) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const rowidAlias = pk.length === 1 && pk[0]!.type.toUpperCase() === 'INTEGER' ? pk[0]!.name : null;
    const fks = new Map<number, { table: string; from: string[]; to: string[]; on_delete: string }>();
    for (const f of db.pragma(`foreign_key_list(${table})`) as {
      id: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[]) {
      const fk = fks.get(f.id) ?? { table: f.table, from: [], to: [], on_delete: f.on_delete };
      fk.from.push(f.from);
      fk.to.push(f.to);
      fks.set(f.id, fk);
    }
    schema.tables[table] = {
      // STRICT tables refuse NULL in a primary key column even where table_info says notnull = 0.
      columns: info.map((c) => ({
        name: c.name,
        type: c.type.toUpperCase(),
        notNull: c.notnull === 1 || c.pk > 0,
        default: c.dflt_value === null ? null : normalize(c.dflt_value),
        auto: c.name === rowidAlias,
      })),
      primaryKey: pk.map((c) => c.name),
      foreignKeys: [...fks.values()].map((f) => fkText(f.from, f.table, f.to, f.on_delete)).sort(),
    };
    for (const ix of db.pragma(`index_list(${table})`) as {
      name: string;
      unique: number;
      origin: string;
    }[]) {
      if (ix.origin === 'pk') continue;
      const sql = master.find((m) => m.type === 'index' && m.name === ix.name)?.sql ?? null;
      const parsed = sql
        ? parseIndexSql(sql)
        : {
            keys: (db.pragma(`index_xinfo(${ix.name})`) as { key: number; name: string }[])
              .filter((k) => k.key === 1)
              .map((k) => k.name),
            where: null,
          };
      schema.indexes.push({
        table,
        name: ix.origin === 'c' ? ix.name : null,
        unique: ix.unique === 1,
        ...parsed,
      });
    }
  }
  for (const t of master.filter((m) => m.type === 'trigger')) schema.triggers[t.name] = t.tbl_name;
  return schema;
};

export const pgSchema = async (client: pg.ClientBase): Promise<Schema> => {
  const schema: Schema = { tables: {}, indexes: [], triggers: {} };
  const cols = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
  }>(`SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default, c.is_identity
        FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
       ORDER BY c.table_name, c.ordinal_position`);
  for (const c of cols.rows) {
    schema.tables[c.table_name] ??= { columns: [], primaryKey: [], foreignKeys: [] };
    schema.tables[c.table_name]!.columns.push({
      name: c.column_name,
      type: STORAGE[c.data_type] ?? c.data_type,
      notNull: c.is_nullable === 'NO',
      default: c.column_default === null ? null : normalize(c.column_default),
      auto: c.is_identity === 'YES',
    });
  }
  const attnames = (keys: string, rel: string): string => `array(
      SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(n, o)
        JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.n ORDER BY k.o)`;
  const cons = await client.query<{
    t: string;
    contype: string;
    cols: string[];
    ref: string;
    refcols: string[];
    del: string;
  }>(
    `SELECT c.conrelid::regclass::text AS t, c.contype, ${attnames('c.conkey', 'c.conrelid')} AS cols,
            c.confrelid::regclass::text AS ref, ${attnames('c.confkey', 'c.confrelid')} AS refcols,
            c.confdeltype AS del
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.contype IN ('p', 'f')`,
  );
  const onDelete: Record<string, string> = { a: 'no action', c: 'cascade', n: 'set null', r: 'restrict' };
  for (const c of cons.rows) {
    const t = schema.tables[c.t]!;
    if (c.contype === 'p') t.primaryKey = c.cols;
    else t.foreignKeys.push(fkText(c.cols, c.ref, c.refcols, onDelete[c.del] ?? c.del));
  }
  for (const t of Object.values(schema.tables)) t.foreignKeys.sort();
  const ix = await client.query<{
    name: string;
    t: string;
    uniq: boolean;
    prim: boolean;
    con: boolean;
    keys: string[];
    pred: string | null;
  }>(
    `SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS t, i.indisunique AS uniq,
            i.indisprimary AS prim, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) AS con,
            array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k)
              AS keys,
            pg_get_expr(i.indpred, i.indrelid, true) AS pred
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' ORDER BY 1`,
  );
  for (const i of ix.rows.filter((r) => !r.prim)) {
    schema.indexes.push({
      table: i.t,
      name: i.con ? null : i.name,
      unique: i.uniq,
      keys: i.keys.map(normalize),
      where: i.pred === null ? null : normalize(i.pred),
    });
  }
  const trg = await client.query<{ name: string; t: string }>(
    'SELECT tgname AS name, tgrelid::regclass::text AS t FROM pg_trigger WHERE NOT tgisinternal',
  );
  for (const t of trg.rows) schema.triggers[t.name] = t.t;
  return schema;
};
