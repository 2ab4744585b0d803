// Shared set-up for the seal tests: a ledger sealed with a key file (as on a server), reopened like a new process,
// and what an attacker with the database file (but not the key) does to it.
import path from 'node:path';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { closeDatabase, DB_FILE, openDatabase, type Db } from '../../../electron/store/database';
import { createAuditLedger, type AuditLedger } from '../../../electron/audit/ledger';
import { sealKeysFromEnv, type SealKeySource } from '../../../electron/audit/seal-key';
import { expectedTriggers } from '../../../electron/audit/protections';
import type { Logger } from '../../../electron/log/logger';
import { tempDirForTest } from '../../helpers/temp-dir';
import { appendSamples, forged, insertWellFormed, row, steppingClock } from './harness';

export const N = 10;

/** A Logger that keeps "level: message" lines (a real sink, like the stderr one, into an array). */
export const recordingLog = (lines: string[]): Logger => {
  const log: Logger = {
    debug: (m) => void lines.push(`debug: ${m}`),
    info: (m) => void lines.push(`info: ${m}`),
    warn: (m) => void lines.push(`warn: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    child: () => log,
  };
  return log;
};

export interface World {
  dir: string;
  file: string;
  keyFile: string;
  keys: SealKeySource;
  clock: ReturnType<typeof steppingClock>;
  db: Db;
  ledger: AuditLedger;
  /** What the ledger logged (level and message), across reopens. */
  logged: string[];
  /** Closes and opens the database again (a new Lanyard process), optionally with another key source. */
  reopen(keys?: SealKeySource | null): void;
}

export const world = (): World => {
  const dir = tempDirForTest('seal');
  const keyFile = path.join(tempDirForTest('seal-key'), 'seal.key');
  const keys = sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${keyFile}` });
  const clock = steppingClock();
  const logged: string[] = [];
  const log = recordingLog(logged);
  const w = {
    dir,
    file: path.join(dir, DB_FILE),
    keyFile,
    keys,
    clock,
    db: openDatabase(dir),
    ledger: undefined as unknown as AuditLedger,
    logged,
    reopen(next: SealKeySource | null = keys) {
      closeDatabase(w.db);
      w.db = openDatabase(dir);
      w.ledger = createAuditLedger(w.db, clock, { keys: next, log });
    },
  };
  w.ledger = createAuditLedger(w.db, clock, { keys, log });
  onTestFinished(() => closeDatabase(w.db));
  return w;
};

export const sealedWorld = (): World => {
  const w = world();
  appendSamples(w.ledger, N);
  return w;
};

/** What the attacker does: a well-formed event after the head, and the head moved forward to it. */
export const forgeAppend = (raw: Db, seq: number): void => {
  insertWellFormed(raw, forged(seq, row(raw, seq - 1).hash));
  raw
    .prepare('UPDATE audit_head SET count = count + 1, head_seq = ?, head_hash = ? WHERE id = 1')
    .run(seq, row(raw, seq).hash);
};

/** A raw connection that leaves the triggers in place (the forward-only head trigger allows a forged append). */
export const rawConnection = (file: string): Db => {
  const raw = new Database(file);
  onTestFinished(() => {
    raw.close();
  });
  return raw;
};

/** Re-creates every audit trigger exactly as Lanyard does, so the trigger check sees nothing wrong. */
export const recreateTriggers = (raw: Db): void => {
  for (const [name, sql] of expectedTriggers()) {
    raw.exec(`DROP TRIGGER IF EXISTS ${name}`);
    raw.exec(sql);
  }
};
