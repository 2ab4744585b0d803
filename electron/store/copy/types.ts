// What `lanyard store copy` needs from each engine (./sqlite-side.ts, ./pg-side.ts): the tables as the schema
// itself describes them, their rows page by page, and, on the target, one transaction to write them in.
import type { HeadAnchor } from '../../audit/verify-chain';

/** A column value as both engines hold it: TEXT, or an INTEGER/BIGINT read as a safe JavaScript number. */
export type Value = string | number | null;
export type Row = Record<string, Value>;

export interface TableShape {
  name: string;
  /** Column names in the table's order. */
  columns: string[];
  /** Primary key columns in key order; empty when the table has none. */
  key: string[];
  /** Tables its foreign keys point at (itself excluded). */
  parents: string[];
  /** Columns whose value a sequence gives when left out (PostgreSQL identity columns). */
  identity: string[];
}

export interface StoreSide {
  /** `sqlite:FILE` or the URL without its password: safe for messages. */
  readonly label: string;
  readonly engine: 'sqlite' | 'postgres';
  schemaVersion(): Promise<number>;
  tables(): Promise<TableShape[]>;
  count(table: string): Promise<number>;
  /** Every row, in pages of at most `size`, keyset-paged (constant memory). */
  pages(table: TableShape, size: number): AsyncGenerator<Row[], void, undefined>;
  /** The audit_head row. */
  head(): Promise<HeadAnchor | null>;
  close(): Promise<void>;
}

export interface SourceSide extends StoreSide {
  /** Starts the one read transaction every later read sees (a consistent snapshot). */
  beginRead(): Promise<void>;
  endRead(): Promise<void>;
}

export interface TargetSide extends StoreSide {
  /** Opens the one write transaction, keeping other writers out until commit or rollback. */
  begin(): Promise<void>;
  insert(table: TableShape, rows: Row[]): Promise<void>;
  /**
   * Appends ledger events (ascending seq, each following the one before). SQLite moves the head one event at a
   * time, as its trigger demands; PostgreSQL sets it once in finish() (see pg-side.ts for why).
   */
  appendEvents(rows: Row[]): Promise<void>;
  /** Puts the source's audit_seal row in place of the one the target's migration created. */
  replaceSeal(row: Row): Promise<void>;
  /** After every row is in: the head (PostgreSQL), identity sequences past the copied ids, triggers back on. */
  finish(tables: TableShape[]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** Tables whose rows a fresh, migrated database already has: the ledger's head and seal. */
export const SEEDED_TABLES = ['audit_head', 'audit_seal'] as const;

/** The SQL-quoted form of an identifier (the same on both engines). */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
