// Shared set-up for the audit ledger's tests on both engines of the store: a fresh migrated store (SQLite in a
// temporary folder, or a throwaway PostgreSQL database), the ledger on it (openStoreLedger), a clock the test
// moves, and the "intruder": someone with write access to the database who gets past the append-only triggers —
// - SQLite: a second, raw better-sqlite3 connection to the file. SQLite cannot switch triggers off, so it drops
//   them (every trigger on the ledger's tables); `cover()` re-creates them exactly as Lanyard does;
// - PostgreSQL: the superuser on a connection of its own with `session_replication_role = replica`, under which
//   no trigger fires and none is altered (nothing to cover), or, asked for 'dropped', one that drops them.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { DB_FILE } from '../../../electron/store/database';
import type { Store, StoreEngine } from '../../../electron/store/store';
import { pgTypes } from '../../../electron/store/pg/pool';
import { rowHash, type AuditRow, type UnhashedRow } from '../../../electron/audit/hash';
import type { AuditLedgerOptions } from '../../../electron/audit/ledger';
import type { AuditAppend } from '../../../electron/audit/row';
import { openStoreLedger, type StoreLedger } from '../../../electron/audit/store-ledger';
import { expectedTriggers } from '../../../electron/audit/protections';
import { pgExpected } from '../../../electron/audit/store-protections';
import { storeFactory, type TestStore } from '../../helpers/store-engines';
import { sampleEvent, steppingClock, type SteppingClock } from './events';

export { forged, sampleEvent, steppingClock, type SteppingClock } from './events';
// Raw SQLite helpers for the tests that go through the core on a data folder (see sync-harness.ts).
export { attacker, insertWellFormed } from './sync-harness';

/** Every trigger on the ledger's tables, as the migrations name them. */
export const LEDGER_TRIGGERS: Record<StoreEngine, readonly string[]> = {
  sqlite: [
    'audit_head_forward_only',
    'audit_head_no_delete',
    'audit_head_single_row',
    'audit_no_delete',
    'audit_no_update',
    'audit_seal_forward_only',
    'audit_seal_no_delete',
    'audit_seal_single_row',
  ],
  postgres: [
    'audit_events_no_update',
    'audit_events_no_delete',
    'audit_events_no_truncate',
    'audit_events_next_seq',
    'audit_head_forward_only',
    'audit_head_no_delete',
    'audit_head_no_truncate',
    'audit_seal_forward_only',
    'audit_seal_no_delete',
    'audit_seal_no_truncate',
    'audit_seal_single_row',
  ],
};

const COLUMNS =
  'seq, at, actor, action, app_id, person_id, run_id, case_id, before, after, result, prev_hash, hash';

/**
 * Opens fresh stores on `engine` (call at describe level). Each store, and every second connection a test opens
 * with `another()`, is closed when the test finishes (PostgreSQL allows only so many connections).
 */
export const storesOn = (engine: StoreEngine) => {
  const open = storeFactory(engine);
  return async (label = 'audit'): Promise<TestStore> => {
    const t = await open(label);
    onTestFinished(() => t.store.close());
    return {
      ...t,
      another: async () => {
        const s = await t.another();
        onTestFinished(() => s.close());
        return s;
      },
    };
  };
};

export interface LedgerFixture {
  engine: StoreEngine;
  t: TestStore;
  store: Store;
  ledger: StoreLedger;
  clock: SteppingClock;
  /** The stored rows, ascending, read through the store. */
  rows(): Promise<AuditRow[]>;
}

export const storedRows = async (store: Store): Promise<AuditRow[]> =>
  (await store.q().selectFrom('audit_events').selectAll().orderBy('seq').execute()) as AuditRow[];

/** Opens a fresh store on `engine` with the ledger on it (call at describe level). */
export const ledgersOn = (engine: StoreEngine) => {
  const stores = storesOn(engine);
  return async (opts: AuditLedgerOptions = {}): Promise<LedgerFixture> => {
    const t = await stores('audit');
    const clock = steppingClock();
    const ledger = await openStoreLedger(t.store, clock, opts);
    return { engine, t, store: t.store, ledger, clock, rows: () => storedRows(t.store) };
  };
};

/** Appends sampleEvent(1 … n), one after the other. */
export const appendMany = async (ledger: Pick<StoreLedger, 'append'>, n: number): Promise<void> => {
  for (let i = 1; i <= n; i++) await ledger.append(sampleEvent(i));
};

/**
 * The same for the core-level tests: on a ledger that still has the synchronous appendSync (the core's, until it
 * switches to the store ledger) every event is recorded before this returns.
 */
export const appendSamples = (
  ledger: Pick<StoreLedger, 'append'> & { appendSync?: (e: AuditAppend) => unknown },
  n: number,
): Promise<void> => {
  if (!ledger.appendSync) return appendMany(ledger, n);
  for (let i = 1; i <= n; i++) ledger.appendSync(sampleEvent(i));
  return Promise.resolve();
};

/** Someone with write access to the database: SQL with `?` placeholders, run on a connection of their own. */
export interface Intruder {
  readonly engine: StoreEngine;
  /** One statement with parameters. */
  run(text: string, ...params: unknown[]): Promise<void>;
  /** Several statements, without parameters. */
  exec(script: string): Promise<void>;
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
  row(seq: number): Promise<AuditRow>;
  /** Writes a row with a correct hash over its contents, as an attacker who read Lanyard's source would. */
  insertWellFormed(r: UnhashedRow): Promise<void>;
  /** Moves every row from `from` on by `by` seqs (through a far range, so the primary key never collides). */
  renumber(from: number, by: number): Promise<void>;
  swap(a: number, b: number): Promise<void>;
  /** Changes columns of one row and stores a hash that matches its new contents; returns that hash. */
  rewrite(seq: number, changes: Partial<AuditRow>): Promise<string>;
  /** Puts every trigger back exactly as Lanyard made them, so the protections check finds nothing. */
  cover(): Promise<void>;
}

/**
 * `triggers`: 'bypassed' (SQLite: dropped, there is no other way; PostgreSQL: replica mode, nothing altered),
 * 'dropped' (dropped on both) or 'kept' (a plain connection that the triggers still police).
 */
export const intruder = async (
  f: { engine: StoreEngine; t: Pick<TestStore, 'where'> },
  triggers: 'bypassed' | 'dropped' | 'kept' = 'bypassed',
): Promise<Intruder> => {
  const names = LEDGER_TRIGGERS[f.engine];
  let run: Intruder['run'];
  let exec: Intruder['exec'];
  let all: Intruder['all'];
  let cover: Intruder['cover'];
  if (f.engine === 'sqlite') {
    const raw = new Database(path.join(f.t.where, DB_FILE));
    raw.pragma('busy_timeout = 5000');
    onTestFinished(() => {
      raw.close();
    });
    if (triggers !== 'kept') for (const n of names) raw.exec(`DROP TRIGGER IF EXISTS ${n}`);
    run = async (text, ...params) => void raw.prepare(text).run(...params);
    exec = async (script) => void raw.exec(script);
    all = async <T>(text: string, ...params: unknown[]) => raw.prepare(text).all(...params) as T[];
    cover = async () => {
      for (const [name, sql] of expectedTriggers()) {
        raw.exec(`DROP TRIGGER IF EXISTS ${name}`);
        raw.exec(sql);
      }
    };
  } else {
    const client = new pg.Client({ connectionString: f.t.where, types: pgTypes });
    await client.connect();
    onTestFinished(() => client.end());
    if (triggers === 'bypassed') await client.query('SET session_replication_role = replica');
    if (triggers === 'dropped')
      for (const n of names) {
        const table = n.startsWith('audit_events') ? 'audit_events' : n.replace(/^(audit_\w+?)_.*$/, '$1');
        await client.query(`DROP TRIGGER ${n} ON ${table}`);
      }
    const dollars = (text: string): string => {
      let i = 0;
      return text.replace(/\?/g, () => `$${++i}`);
    };
    run = async (text, ...params) => void (await client.query(dollars(text), params));
    exec = async (script) => void (await client.query(script));
    all = async <T>(text: string, ...params: unknown[]) =>
      (await client.query(dollars(text), params)).rows as T[];
    cover = async () => {
      if (triggers === 'dropped') await client.query(pgExpected().restoreSql);
    };
  }
  const row = async (seq: number): Promise<AuditRow> =>
    (await all<AuditRow>(`SELECT ${COLUMNS} FROM audit_events WHERE seq = ?`, seq))[0]!;
  const far = 1_000_000_000;
  return {
    engine: f.engine,
    run,
    exec,
    all,
    row,
    cover,
    async insertWellFormed(r) {
      const full = { ...r, hash: rowHash(r) };
      await run(
        `INSERT INTO audit_events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...COLUMNS.split(', ').map((c) => full[c as keyof AuditRow]),
      );
    },
    async renumber(from, by) {
      await run('UPDATE audit_events SET seq = seq + ? WHERE seq >= ?', far, from);
      await run('UPDATE audit_events SET seq = seq - ? WHERE seq >= ?', far - by, far);
    },
    async swap(a, b) {
      await run('UPDATE audit_events SET seq = ? WHERE seq = ?', far, a);
      await run('UPDATE audit_events SET seq = ? WHERE seq = ?', a, b);
      await run('UPDATE audit_events SET seq = ? WHERE seq = ?', b, far);
    },
    async rewrite(seq, changes) {
      const { hash: _old, ...r } = { ...(await row(seq)), ...changes };
      void _old;
      const hash = rowHash(r);
      const cols = Object.keys(changes);
      await run(
        `UPDATE audit_events SET ${[...cols, 'hash'].map((c) => `${c} = ?`).join(', ')} WHERE seq = ?`,
        ...cols.map((c) => changes[c as keyof AuditRow]),
        hash,
        seq,
      );
      return hash;
    },
  };
};
