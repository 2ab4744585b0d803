// `lanyard store copy`: a whole workspace (configuration, snapshot, journal, cases, reviews, the ledger with its
// hashes and seal) from one store to another, SQLite or PostgreSQL on either side, at the table level.
// - The source is only read: SQLite opened read-only, PostgreSQL in a READ ONLY snapshot; it must be at this
//   Lanyard's schema version (it is never migrated by a copy).
// - The target is migrated, must be empty, and is written in ONE transaction: all or nothing.
// - Every table of the schema is copied (the list comes from the schema itself; a table on one side only is an
//   error), parents before children, in keyset pages, so memory stays flat however large the ledger.
// - Ledger events are appended in seq order; on SQLite the head moves one event at a time, as its trigger demands;
//   on PostgreSQL, where that is quadratic inside one transaction, the ordering triggers are off while the events
//   go in and the head is set once (pg-side.ts). The seal row is carried over as it is (it stays valid under the
//   same key, which lives outside the database).
// - Before the commit the target's chain is verified against its head and the source's head, and every table's
//   row count against the source's; any difference rolls everything back.
import fs from 'node:fs';
import { LanyardError } from '../../app/errors';
import { StoreError } from '../database';
import { latestSchemaVersion } from '../migrations';
import { latestPgSchemaVersion } from '../pg/migrations';
import {
  checkCounts,
  checkEmpty,
  checkEmptyBeforeMigrating,
  checkLedger,
  checkSameTables,
  checkSourceVersion,
  copyOrder,
} from './checks';
import { describeEndpoint, parseEndpoint, type Endpoint } from './endpoint';
import { openPgSource, openPgTarget } from './pg-side';
import { openSqliteSource, openSqliteTarget } from './sqlite-side';
import type { SourceSide, TableShape, TargetSide } from './types';

export interface StoreCopyReport {
  from: string;
  to: string;
  schemaVersion: number;
  /** Rows copied per table, in the order they were copied. */
  tables: { name: string; rows: number }[];
  rows: number;
  ledger: { events: number; headSeq: number; headHash: string };
  ms: number;
}

export interface StoreCopyOptions {
  /** Rows per page read and written (default 1,000). */
  batchSize?: number;
}

const openSource = (e: Endpoint): Promise<SourceSide> =>
  e.engine === 'sqlite' ? Promise.resolve(openSqliteSource(e.file)) : openPgSource(e.url);

const openTarget = async (e: Endpoint): Promise<TargetSide> => {
  if (e.engine === 'postgres') return openPgTarget(e.url);
  if (fs.existsSync(e.file)) {
    // Looked at read-only first: opening it for writing would migrate it before it could be refused.
    const peek = openSqliteSource(e.file);
    try {
      await checkEmptyBeforeMigrating(peek);
    } finally {
      await peek.close();
    }
  }
  return openSqliteTarget(e.file);
};

const sameEndpoint = (a: Endpoint, b: Endpoint): boolean =>
  a.engine === 'sqlite' && b.engine === 'sqlite'
    ? a.file === b.file
    : a.engine === 'postgres' && b.engine === 'postgres' && a.url === b.url;

const byName = (tables: TableShape[], name: string): TableShape => {
  const t = tables.find((x) => x.name === name);
  if (!t) throw new StoreError('internal', `Table ${name} is missing.`);
  return t;
};

/** Copies every row of one table; returns how many. */
const copyTable = async (
  source: SourceSide,
  target: TargetSide,
  t: TableShape,
  batch: number,
): Promise<number> => {
  let n = 0;
  if (t.name === 'audit_head') return 0; // moved by the events (appendEvents, finish)
  if (t.name === 'audit_seal') {
    for await (const page of source.pages(t, batch))
      for (const row of page) {
        if (++n > 1) throw new StoreError('internal', `${source.label} has more than one audit_seal row.`);
        await target.replaceSeal(row);
      }
    if (n !== 1) throw new StoreError('internal', `${source.label} has no audit_seal row.`);
    return n;
  }
  for await (const page of source.pages(t, batch)) {
    if (t.name === 'audit_events') await target.appendEvents(page);
    else await target.insert(t, page);
    n += page.length;
  }
  return n;
};

const copyAll = async (
  source: SourceSide,
  target: TargetSide,
  batch: number,
): Promise<Omit<StoreCopyReport, 'from' | 'to' | 'ms'>> => {
  await source.beginRead();
  const src = await source.tables();
  await target.begin();
  try {
    const dst = await target.tables();
    checkSameTables(source, src, target, dst);
    await checkEmpty(target, dst);
    const sourceHead = await source.head();
    if (!sourceHead) throw new StoreError('internal', `${source.label} has no audit_head row.`);
    const expected = new Map<string, number>();
    for (const t of src) expected.set(t.name, await source.count(t.name));

    const sent = new Map<string, number>();
    const order = copyOrder(src);
    for (const t of order) sent.set(t.name, await copyTable(source, target, t, batch));
    await source.endRead();

    await target.finish(dst);
    await checkLedger(target, byName(dst, 'audit_events'), sourceHead);
    sent.delete('audit_head');
    await checkCounts(target, expected, sent);
    await target.commit();
    const tables = order.map((t) => ({ name: t.name, rows: expected.get(t.name)! }));
    return {
      schemaVersion: await target.schemaVersion(),
      tables,
      rows: tables.reduce((s, t) => s + t.rows, 0),
      ledger: { events: sourceHead.count, headSeq: sourceHead.headSeq, headHash: sourceHead.headHash },
    };
  } catch (err) {
    await target.rollback();
    throw err;
  }
};

/** Explains a database error that escaped the checks (a privilege, a constraint, a lost connection). */
const explain = (err: unknown, from: string, to: string): unknown => {
  if (err instanceof LanyardError) return err;
  const denied = (err as { code?: string }).code === '42501';
  return new StoreError(
    denied ? 'forbidden' : 'internal',
    `Copying ${from} to ${to} failed: ${(err as Error).message}. Nothing was copied.`,
    {
      hint: denied
        ? "On PostgreSQL, read the source as a role that may read Lanyard's tables, and write the target as the role " +
          'that owns them (or may create them in an empty database): the one that runs the migrations.'
        : 'Fix the cause named above and run the copy again; the target holds no copied rows.',
      cause: err,
    },
  );
};

/** Opens both stores and copies; each is closed again whatever happens. */
const run = async (fromE: Endpoint, toE: Endpoint, batch: number) => {
  const source = await openSource(fromE);
  try {
    const latest = fromE.engine === 'sqlite' ? latestSchemaVersion : latestPgSchemaVersion;
    checkSourceVersion(describeEndpoint(fromE), await source.schemaVersion(), latest);
    const target = await openTarget(toE);
    try {
      return await copyAll(source, target, batch);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
};

export const copyStore = async (
  fromSpec: string,
  toSpec: string,
  opts: StoreCopyOptions = {},
): Promise<StoreCopyReport> => {
  const started = performance.now();
  const fromE = parseEndpoint(fromSpec, 'source');
  const toE = parseEndpoint(toSpec, 'target');
  const from = describeEndpoint(fromE);
  const to = describeEndpoint(toE);
  if (sameEndpoint(fromE, toE))
    throw new StoreError('bad_input', `--from and --to are the same store (${from}).`, {
      hint: 'Copy into a new database or an empty folder.',
    });
  try {
    const done = await run(fromE, toE, opts.batchSize ?? 1_000);
    return { from, to, ...done, ms: Math.round(performance.now() - started) };
  } catch (err) {
    throw explain(err, from, to);
  }
};
