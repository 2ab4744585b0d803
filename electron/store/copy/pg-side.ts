// The PostgreSQL end of `lanyard store copy`, on one dedicated connection from createPgPool (BIGINT parsed to
// numbers, time limits). A source is read in one REPEATABLE READ READ ONLY transaction (a consistent snapshot) and
// never migrated; a target is migrated (migratePg) and written in one transaction that first locks every table, so
// no Lanyard server writes between the emptiness check and the commit. Writing the ledger's tables needs their
// owner (the role that runs the migrations), since a few triggers are switched off inside that transaction. Tables, keys, foreign keys and identity
// columns come from the catalog of the connection's current schema.
import type pg from 'pg';
import { PG_LEDGER_TRIGGERS } from '../../audit/pg-ledger';
import type { HeadAnchor } from '../../audit/verify-chain';
import { StoreError } from '../database';
import { migratePg, pgSchemaVersion } from '../pg/migrate';
import { createPgPool } from '../pg/pool';
import { checkEmptyBeforeMigrating } from './checks';
import { safeUrl, scrub } from './endpoint';
import { ident, type Row, type SourceSide, type TableShape, type TargetSide } from './types';

/** Where migratePg keeps the version: not part of the workspace, compared as the schema version instead. */
const VERSION_TABLE = 'lanyard_schema';

const CATALOG = `
  SELECT c.table_name AS t, c.column_name AS col, c.is_identity = 'YES' AS identity
    FROM information_schema.columns c
    JOIN information_schema.tables t USING (table_schema, table_name)
   WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
   ORDER BY c.table_name, c.ordinal_position`;
const KEYS = `
  SELECT cl.relname AS t, a.attname AS col
    FROM pg_constraint k
    JOIN pg_class cl ON cl.oid = k.conrelid
    CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
   WHERE k.contype = 'p' AND cl.relnamespace = current_schema()::regnamespace
   ORDER BY cl.relname, u.ord`;
const FKS = `
  SELECT DISTINCT cl.relname AS t, p.relname AS parent
    FROM pg_constraint k JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
   WHERE k.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace`;

/** TEXT, BIGINT and INTEGER are all the store has (docs/team-server.md); anything else is named, not guessed at. */
const valueOf = (v: unknown, table: string, column: string): Row[string] => {
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  throw new StoreError(
    'internal',
    `${table}.${column} holds a ${Object.prototype.toString.call(v).slice(8, -1)} value; Lanyard stores only text and integers.`,
  );
};

const readTables = async (client: pg.ClientBase): Promise<TableShape[]> => {
  const [cols, keys, fks] = [
    await client.query<{ t: string; col: string; identity: boolean }>(CATALOG),
    await client.query<{ t: string; col: string }>(KEYS),
    await client.query<{ t: string; parent: string }>(FKS),
  ];
  const tables = new Map<string, TableShape>();
  for (const c of cols.rows) {
    if (c.t === VERSION_TABLE) continue;
    let t = tables.get(c.t);
    if (!t) tables.set(c.t, (t = { name: c.t, columns: [], key: [], parents: [], identity: [] }));
    t.columns.push(c.col);
    if (c.identity) t.identity.push(c.col);
  }
  for (const k of keys.rows) tables.get(k.t)?.key.push(k.col);
  for (const f of fks.rows) if (f.parent !== f.t) tables.get(f.t)?.parents.push(f.parent);
  return [...tables.values()];
};

const connect = async (url: string): Promise<{ pool: pg.Pool; client: pg.PoolClient }> => {
  // One connection; generous server-side limits, since one transaction covers the whole copy.
  const pool = createPgPool(url, { max: 1, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 600_000 });
  pool.on('error', () => undefined); // a dropped idle connection surfaces on the next query instead
  try {
    return { pool, client: await pool.connect() };
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new StoreError(
      'internal',
      `Cannot connect to PostgreSQL at ${safeUrl(url)}: ${scrub((err as Error).message, url)}`,
      {
        hint: 'Check the host, port, database name, user and password, and that the server accepts connections.',
      },
    );
  }
};

const pgSide = (client: pg.ClientBase, url: string) => {
  let shapes: TableShape[] | null = null;
  return {
    label: safeUrl(url),
    engine: 'postgres' as const,
    schemaVersion: () => pgSchemaVersion(client),
    tables: async () => (shapes ??= await readTables(client)),
    count: async (table: string) =>
      (await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${ident(table)}`)).rows[0]!.n,
    async *pages(t: TableShape, size: number): AsyncGenerator<Row[], void, undefined> {
      // Keyset paging by the primary key, or by the physical row id of a table that has none.
      const keys = t.key.length ? t.key.map(ident) : ['ctid'];
      const from = `SELECT ${t.columns.map(ident).join(', ')}, ${keys.join(', ')} FROM ${ident(t.name)}`;
      const where = t.key.length
        ? `(${keys.join(', ')}) > (${keys.map((_, i) => `$${i + 1}`).join(', ')})`
        : 'ctid > $1::tid';
      let after: unknown[] | null = null;
      for (;;) {
        const text: string = `${from} ${after ? `WHERE ${where}` : ''} ORDER BY ${keys.join(', ')} LIMIT ${size}`;
        const r: pg.QueryResult<unknown[]> = await client.query<unknown[]>({
          text,
          values: after ?? [],
          rowMode: 'array',
        });
        if (r.rows.length === 0) return;
        yield r.rows.map((v) => Object.fromEntries(t.columns.map((c, i) => [c, valueOf(v[i], t.name, c)])));
        if (r.rows.length < size) return;
        after = r.rows[r.rows.length - 1]!.slice(t.columns.length);
      }
    },
    head: async (): Promise<HeadAnchor | null> =>
      (
        await client.query<HeadAnchor>(
          'SELECT count, head_seq AS "headSeq", head_hash AS "headHash" FROM audit_head WHERE id = 1',
        )
      ).rows[0] ?? null,
  };
};

const ended = (pool: pg.Pool, client: pg.PoolClient) => async (): Promise<void> => {
  client.release();
  await pool.end();
};

export const openPgSource = async (url: string): Promise<SourceSide> => {
  const { pool, client } = await connect(url);
  return {
    ...pgSide(client, url),
    beginRead: async () => void (await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')),
    endRead: async () => void (await client.query('COMMIT')),
    close: ended(pool, client),
  };
};

const notOwner = (err: unknown, url: string): Error =>
  /must be owner/i.test((err as Error).message)
    ? new StoreError('forbidden', `The role in ${safeUrl(url)} does not own Lanyard's tables.`, {
        hint: 'Copy as the database owner (the role that runs the migrations), not as the role the app connects as.',
        cause: err,
      })
    : (err as Error);

export const openPgTarget = async (url: string): Promise<TargetSide> => {
  const { pool, client } = await connect(url);
  try {
    await checkEmptyBeforeMigrating({ ...pgSide(client, url), close: () => Promise.resolve() });
    await migratePg(client);
  } catch (err) {
    await ended(pool, client)();
    throw err;
  }
  const side = pgSide(client, url);
  let appended = 0;
  let last: Row | null = null;
  const insert = async (t: TableShape, rows: Row[]): Promise<void> => {
    const cols = t.columns.map(ident).join(', ');
    await client.query(
      `INSERT INTO ${ident(t.name)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${ident(t.name)}, $1::json)`,
      [JSON.stringify(rows)],
    );
  };
  return {
    ...side,
    async begin() {
      await client.query('BEGIN');
      // A Lanyard server still using the database (or a source that is the same database under another URL) holds
      // locks the copy needs: fail after a while instead of waiting for ever.
      await client.query(`SET LOCAL lock_timeout = '30s'`);
      const names = (await side.tables()).map((t) => ident(t.name));
      await client.query(`LOCK TABLE ${names.join(', ')} IN EXCLUSIVE MODE`);
    },
    insert,
    async appendEvents(rows) {
      // The triggers let the head move one event at a time, but every move leaves a row version that nothing can
      // prune before the commit, so each later move reads them all: quadratic (100,000 events: 3 minutes). The two
      // ordering triggers are therefore off while the pages go in (ALTER TABLE holds both tables' locks until the
      // commit: no other session sees them off), the head is set once in finish(), the triggers are back on before
      // the chain is verified against the head, and only then is anything committed.
      if (!appended) {
        try {
          await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_next_seq');
        } catch (err) {
          throw notOwner(err, url);
        }
        await client.query('ALTER TABLE audit_head DISABLE TRIGGER audit_head_forward_only');
      }
      await insert(
        (await side.tables()).find((t) => t.name === 'audit_events')!,
        rows,
      );
      appended += rows.length;
      last = rows[rows.length - 1] ?? last;
    },
    async replaceSeal(row) {
      // audit_seal_forward_only refuses a new ledger id and the row cannot be deleted or inserted: the trigger is
      // disabled for this one update inside the transaction (ALTER TABLE holds the table's lock until commit, so
      // no other session ever sees it disabled). Only the tables' owner may do this.
      const cols = Object.keys(row).filter((c) => c !== 'id');
      try {
        await client.query('ALTER TABLE audit_seal DISABLE TRIGGER audit_seal_forward_only');
      } catch (err) {
        throw notOwner(err, url);
      }
      await client.query(
        `UPDATE audit_seal SET ${cols.map((c, i) => `${ident(c)} = $${i + 1}`).join(', ')} WHERE id = 1`,
        cols.map((c) => row[c] ?? null),
      );
      await client.query('ALTER TABLE audit_seal ENABLE TRIGGER audit_seal_forward_only');
    },
    async finish(tables) {
      if (appended) {
        await client.query('UPDATE audit_head SET count = $1, head_seq = $2, head_hash = $3 WHERE id = 1', [
          appended,
          last!.seq,
          last!.hash,
        ]);
        await client.query('ALTER TABLE audit_head ENABLE TRIGGER audit_head_forward_only');
        await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_next_seq');
      }
      // An identity does not move when ids are given explicitly: set it past the largest copied id.
      for (const t of tables)
        for (const c of t.identity)
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT max(${ident(c)}) AS m FROM ${ident(t.name)}) x WHERE m IS NOT NULL`,
            [ident(t.name), c],
          );
      const off = await client.query<{ name: string }>(
        `SELECT tgname AS name FROM pg_trigger
          WHERE tgname = ANY($1) AND tgenabled <> 'O'
            AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)`,
        [[...PG_LEDGER_TRIGGERS, 'audit_seal_forward_only']],
      );
      if (off.rows.length)
        throw new StoreError(
          'internal',
          `Triggers left disabled: ${off.rows.map((r) => r.name).join(', ')}.`,
        );
    },
    commit: async () => void (await client.query('COMMIT')),
    rollback: async () => void (await client.query('ROLLBACK').catch(() => undefined)),
    close: ended(pool, client),
  };
};
