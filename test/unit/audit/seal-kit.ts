// Shared set-up for the seal tests on both engines: a ledger sealed with a key file (as on a server), opened again
// like a new process (SQLite) or another replica (PostgreSQL), and what someone with write access to the database
// (but not the key) does to it.
import path from 'node:path';
import type { StoreEngine, Store } from '../../../electron/store/store';
import { openStoreLedger, type StoreLedger } from '../../../electron/audit/store-ledger';
import { sealKeysFromEnv, type SealKeySource } from '../../../electron/audit/seal-key';
import type { Logger } from '../../../electron/log/logger';
import { tempDirForTest } from '../../helpers/temp-dir';
import type { TestStore } from '../../helpers/store-engines';
import { appendMany, forged, storesOn, steppingClock, type Intruder, type SteppingClock } from './harness';

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
  engine: StoreEngine;
  t: TestStore;
  /** The store the current ledger runs on. */
  store: Store;
  keyFile: string;
  keys: SealKeySource;
  clock: SteppingClock;
  ledger: StoreLedger;
  /** What the ledger logged (level and message), across reopens. */
  logged: string[];
  /**
   * Opens the ledger again on a new connection to the same database (a new Lanyard process, or another server
   * replica), optionally with another key source; `quiet` opens it without a logger.
   */
  reopen(keys?: SealKeySource | null, opts?: { quiet?: boolean }): Promise<StoreLedger>;
}

/** Call at describe level: opens fresh sealed (or about to be sealed) ledgers on `engine`. */
export const worldsOn = (engine: StoreEngine) => {
  const stores = storesOn(engine);
  const world = async (): Promise<World> => {
    const t = await stores('seal');
    const keyFile = path.join(tempDirForTest('seal-key'), 'seal.key');
    const keys = sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${keyFile}` });
    const clock = steppingClock();
    const logged: string[] = [];
    const log = recordingLog(logged);
    const w: World = {
      engine,
      t,
      store: t.store,
      keyFile,
      keys,
      clock,
      ledger: await openStoreLedger(t.store, clock, { keys, log }),
      logged,
      async reopen(next: SealKeySource | null = keys, opts = {}) {
        w.store = await t.another();
        w.ledger = await openStoreLedger(w.store, clock, { keys: next, ...(opts.quiet ? {} : { log }) });
        return w.ledger;
      },
    };
    return w;
  };
  const sealedWorld = async (): Promise<World> => {
    const w = await world();
    await appendMany(w.ledger, N);
    return w;
  };
  return { world, sealedWorld, stores };
};

/** What the attacker does: a well-formed event after the head, and the head moved forward to it. */
export const forgeAppend = async (raw: Intruder, seq: number): Promise<void> => {
  await raw.insertWellFormed(forged(seq, (await raw.row(seq - 1)).hash));
  await raw.run(
    'UPDATE audit_head SET count = count + 1, head_seq = ?, head_hash = ? WHERE id = 1',
    seq,
    (await raw.row(seq)).hash,
  );
};
