// The checks of `lanyard store copy` that decide whether it may start and whether it may commit: the schema
// version of the source, the same tables on both sides, an empty target, a foreign-key order to copy in, and, on
// arrival, the ledger chain and the row counts. Each failure says what is wrong in words an admin can act on.
import { GENESIS_HASH, type AuditRow } from '../../audit/hash';
import { verifyRowsAsync, type HeadAnchor } from '../../audit/verify-chain';
import { StoreError } from '../database';
import type { Row, StoreSide, TableShape, TargetSide } from './types';

export const checkSourceVersion = (label: string, version: number, latest: number): void => {
  if (version === latest) return;
  if (version === 0)
    throw new StoreError('bad_input', `${label} holds no Lanyard workspace (no schema version).`, {
      hint: 'Give the data folder or database a Lanyard installation wrote.',
    });
  if (version > latest)
    throw new StoreError(
      'bad_input',
      `${label} was written by a newer Lanyard (schema ${version}; this version knows up to ${latest}).`,
      { hint: 'Copy it with that version of Lanyard, or update this one.' },
    );
  throw new StoreError(
    'bad_input',
    `${label} is at schema ${version}, an older one than this Lanyard's (${latest}). Nothing was copied.`,
    {
      hint: 'Open it once with this version of Lanyard (which brings it up to date), then copy it again.',
    },
  );
};

/** Fails when a table or column exists on one side only. */
export const checkSameTables = (
  from: StoreSide,
  src: TableShape[],
  to: StoreSide,
  dst: TableShape[],
): void => {
  const names = (ts: TableShape[]) => new Set(ts.map((t) => t.name));
  const onlyIn = (a: TableShape[], b: TableShape[]) => [...names(a)].filter((n) => !names(b).has(n));
  const missing = [
    ...onlyIn(src, dst).map((n) => `${n} is in ${from.label} only`),
    ...onlyIn(dst, src).map((n) => `${n} is in ${to.label} only`),
  ];
  for (const s of src) {
    const d = dst.find((t) => t.name === s.name);
    if (!d) continue;
    const cols = [
      ...s.columns.filter((c) => !d.columns.includes(c)),
      ...d.columns.filter((c) => !s.columns.includes(c)),
    ];
    if (cols.length) missing.push(`${s.name} differs in column(s) ${cols.join(', ')}`);
  }
  if (missing.length)
    throw new StoreError('internal', `The two stores do not have the same tables: ${missing.join('; ')}.`, {
      hint: 'Both should be at the same schema version; report this with both schemas.',
    });
};

const firstRow = async (side: StoreSide, t: TableShape): Promise<Row | null> => {
  for await (const page of side.pages(t, 2)) return page.length === 1 ? page[0]! : null;
  return null;
};

/** Whether audit_head and audit_seal are exactly as a fresh migration leaves them. */
const seededUntouched = async (target: StoreSide, t: TableShape): Promise<boolean> => {
  if (t.name === 'audit_head') {
    const h = await target.head();
    return (
      (await target.count(t.name)) === 1 && h?.count === 0 && h.headSeq === 0 && h.headHash === GENESIS_HASH
    );
  }
  const seal = await firstRow(target, t);
  return (
    seal !== null &&
    seal.key_id === null &&
    seal.sealed_from_seq === null &&
    seal.sealed_count === 0 &&
    seal.sealed_seq === 0 &&
    seal.seal === null
  );
};

const notEmpty = (label: string, why: string): StoreError =>
  new StoreError(
    'conflict',
    `${label} is not empty (${why}). Nothing was copied: Lanyard copies only into an empty store, and never ` +
      'overwrites or merges.',
    { hint: 'Give a new database or an empty folder as --to.' },
  );

/** Refuses a target holding anything beyond what its migrations seed: never overwrite, never merge. */
export const checkEmpty = async (target: StoreSide, tables: TableShape[]): Promise<void> => {
  for (const t of tables) {
    const used =
      t.name === 'audit_head' || t.name === 'audit_seal'
        ? !(await seededUntouched(target, t))
        : (await target.count(t.name)) > 0;
    if (used) throw notEmpty(target.label, `table ${t.name} has data`);
  }
};

/**
 * The same before the target is migrated (which writes): a store with data, or with tables of something other than
 * Lanyard, is refused while it is still exactly as it was.
 */
export const checkEmptyBeforeMigrating = async (target: StoreSide): Promise<void> => {
  const tables = await target.tables();
  if ((await target.schemaVersion()) > 0) return checkEmpty(target, tables);
  if (tables.length)
    throw notEmpty(target.label, `it holds tables that are not Lanyard's, such as ${tables[0]!.name}`);
};

/** Parents before children (foreign keys), otherwise by name; a cycle is refused. */
export const copyOrder = (tables: TableShape[]): TableShape[] => {
  const left = new Map(tables.map((t) => [t.name, t]));
  const out: TableShape[] = [];
  while (left.size) {
    const ready = [...left.values()]
      .filter((t) => t.parents.every((p) => !left.has(p)))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (!ready.length)
      throw new StoreError('internal', `The foreign keys of ${[...left.keys()].join(', ')} form a cycle.`);
    for (const t of ready) {
      out.push(t);
      left.delete(t.name);
    }
  }
  return out;
};

async function* auditRows(side: StoreSide, t: TableShape): AsyncGenerator<AuditRow, void, undefined> {
  for await (const page of side.pages(t, 1_000)) for (const r of page) yield r as unknown as AuditRow;
}

/** The target's chain, read back in the copy's transaction, against its head and the source's head. */
export const checkLedger = async (
  target: TargetSide,
  events: TableShape,
  source: HeadAnchor,
): Promise<void> => {
  const head = await target.head();
  const chain = await verifyRowsAsync(auditRows(target, events), head);
  if (!chain.ok) {
    const bad = chain.firstBad!;
    throw new StoreError(
      'internal',
      `The audit ledger does not verify on arrival: ${bad.detail} (first bad event: seq ${bad.seq}). Nothing was copied.`,
      { hint: 'The source ledger was changed outside Lanyard: run `lanyard audit verify` on it.' },
    );
  }
  if (
    !head ||
    head.count !== source.count ||
    head.headSeq !== source.headSeq ||
    head.headHash !== source.headHash
  )
    throw new StoreError(
      'internal',
      `The copied ledger ends at seq ${head?.headSeq ?? 0} (${head?.count ?? 0} events, hash ${head?.headHash ?? '-'}), ` +
        `the source's at seq ${source.headSeq} (${source.count} events, hash ${source.headHash}). Nothing was copied.`,
    );
};

/** Each table holds what the source held and what was sent. */
export const checkCounts = async (
  target: TargetSide,
  expected: Map<string, number>,
  sent: Map<string, number>,
): Promise<void> => {
  for (const [table, n] of expected) {
    const got = await target.count(table);
    const moved = sent.get(table) ?? n;
    if (got !== n || moved !== n)
      throw new StoreError(
        'internal',
        `Table ${table}: the source has ${n} rows, ${moved} were read and the target has ${got}. Nothing was copied.`,
      );
  }
};
