// The seal's edges on both engines: empty ledgers, a head moved back, keys that are missing, misconfigured or
// provisioned before first start (a server), the exact sentences an admin reads, and what is logged.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStoreLedger } from '../../../electron/audit/store-ledger';
import { sealKeysFromEnv, type SealKeySource } from '../../../electron/audit/seal-key';
import { sameMac } from '../../../electron/audit/seal';
import { LanyardError } from '../../../electron/app/errors';
import { unavailable } from '../../../electron/secrets/keychain';
import { closeDatabase, DB_FILE, migrate, openDatabase } from '../../../electron/store/database';
import { migrations } from '../../../electron/store/migrations';
import { createSqliteStore } from '../../../electron/store/store';
import { ENGINES } from '../../helpers/store-engines';
import { tempDirForTest } from '../../helpers/temp-dir';
import { appendMany, intruder, sampleEvent, steppingClock } from './harness';
import { forgeAppend, N, worldsOn } from './seal-kit';

const CHAIN_ONLY =
  'The hash chain alone proves integrity only against someone who cannot write the database file.';

const locked: SealKeySource = {
  description: 'the OS keychain',
  load() {
    throw new Error('the keychain is locked');
  },
  create() {
    throw new Error('the keychain is locked');
  },
};

const rejection = async (p: Promise<unknown>): Promise<LanyardError> => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!err) throw new Error('expected it to be refused');
  return err as LanyardError;
};

describe.each(ENGINES)('seal edges on %s', (engine) => {
  const { sealedWorld, stores, world } = worldsOn(engine);

  it('an empty sealed ledger verifies as sealed, and its anchor (event 0) matches', async () => {
    const w = await world();
    expect(await w.ledger.verify()).toMatchObject({
      ok: true,
      count: 0,
      seal: { status: 'sealed', sealedSeq: 0 },
    });
    const anchor = await w.ledger.anchor();
    expect(anchor).toMatchObject({ seq: 0, count: 0, hash: '0'.repeat(64) });
    expect((await w.ledger.verify(anchor)).anchor).toMatchObject({
      status: 'matches',
      signatureChecked: true,
    });
  });

  it('a ledger without a seal key says exactly that, and its anchors are unsigned', async () => {
    const t = await stores('seal-none');
    const ledger = await openStoreLedger(t.store, steppingClock());
    await appendMany(ledger, 3);
    expect(await ledger.verify()).toMatchObject({
      ok: true,
      protections: { ok: true, detail: null },
      seal: {
        status: 'no-key',
        sealedSeq: 0,
        since: null,
        detail: `The seal could not be checked: no seal key is configured for this ledger. ${CHAIN_ONLY}`,
      },
    });
    const anchor = await ledger.anchor();
    expect(anchor).toMatchObject({ seq: 3, keyId: null, signature: null });
    expect((await ledger.evidenceAnchor()).note).toBe(
      'Audit ledger head at generation: event 3 (unsigned: no seal key was available). Prove the ledger still contains it with `lanyard audit verify --anchor FILE` (FILE: this anchor as JSON).',
    );
  });

  it('seals a new server ledger with a key provisioned in an environment variable before first start', async () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const env = { LANYARD_AUDIT_SEAL_KEY: 'env:SEAL', SEAL: key };
    const t = await stores('seal-env');
    await appendMany(await openStoreLedger(t.store, steppingClock(), { keys: sealKeysFromEnv(env) }), 2);
    const again = await openStoreLedger(await t.another(), steppingClock(), { keys: sealKeysFromEnv(env) });
    const v = await again.verify();
    expect(v).toMatchObject({ ok: true, seal: { status: 'sealed', sealedSeq: 2 } });
    expect(v.seal.detail).toContain('in the environment variable SEAL');
  });

  it('refuses to start with a misconfigured key instead of running unsealed', async () => {
    const { store } = await stores('seal-bad');
    const opening = (keys: SealKeySource) => openStoreLedger(store, steppingClock(), { keys });
    const missing = await rejection(opening(sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: 'env:NOPE' })));
    expect(missing).toBeInstanceOf(LanyardError);
    expect(missing.code).toBe('bad_input');
    expect(missing.message).toBe(
      'The environment variable NOPE (named by LANYARD_AUDIT_SEAL_KEY) is not set.',
    );
    const keyFile = path.join(tempDirForTest('seal-bad-key'), 'k');
    fs.writeFileSync(keyFile, 'short', { mode: 0o600 });
    await expect(opening(sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${keyFile}` }))).rejects.toThrow(
      'The audit seal key in the file',
    );
    // A key other users may read would let them forge a sealed ledger.
    const shared = path.join(tempDirForTest('seal-shared-key'), 'k');
    fs.writeFileSync(shared, `${'QUJD'.repeat(11)}\n`, { mode: 0o644 });
    fs.chmodSync(shared, 0o644);
    const open = await rejection(opening(sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${shared}` })));
    expect([open.code, open.message]).toEqual([
      'bad_input',
      `The audit seal key file ${shared} may be read by other users (mode 644).`,
    ]);
    fs.chmodSync(shared, 0o640);
    const opened = await opening(sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${shared}` }));
    expect((await opened.verify()).seal.status).toBe('sealed');
    expect(() => sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: 'vault:x' })).toThrow(
      'LANYARD_AUDIT_SEAL_KEY must be file:/path/to/key or env:VARIABLE.',
    );
  });

  it('warns once at open when it cannot seal, and logs a misfit seal once until it is resumed', async () => {
    const w = await sealedWorld();
    await w.reopen(locked);
    expect(w.logged).toEqual([
      'warn: audit ledger not sealed: the OS keychain could not be read: the keychain is locked',
    ]);
    w.logged.length = 0;
    await w.reopen();
    expect(w.logged).toEqual([]);
    await forgeAppend(await intruder(w, 'kept'), N + 1);
    await w.ledger.append(sampleEvent(1));
    await w.ledger.append(sampleEvent(2));
    const misfit =
      'error: audit seal does not fit the ledger head: not extending it; run `lanyard audit verify`';
    expect(w.logged).toEqual([misfit]);
    await w.ledger.protect('admin');
    await forgeAppend(await intruder(w, 'kept'), N + 5);
    await w.ledger.append(sampleEvent(3));
    expect(w.logged).toEqual([misfit, misfit]);
  });

  it('opens and records without a logger whatever goes wrong (locked keychain, misfit seal, altered triggers)', async () => {
    const w = await sealedWorld();
    const keychainLocked: SealKeySource = {
      description: 'the OS keychain',
      load: () => {
        throw unavailable(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
      },
      create: () => {
        throw new Error('unreachable');
      },
    };
    // A keychain that cannot be reached is not a misconfiguration: the ledger opens, unsealed, and says why.
    const blind = await w.reopen(keychainLocked, { quiet: true });
    await blind.append(sampleEvent(1));
    expect((await blind.verify()).seal.detail).toContain(
      'The seal could not be checked: the OS keychain could not be read: The OS keychain is not available',
    );
    const keyed = await w.reopen(w.keys, { quiet: true });
    expect((await keyed.verify()).seal.status).toBe('behind');
    await keyed.append(sampleEvent(2)); // the seal does not fit: not extended, and nothing to log to
    await intruder(w, 'dropped');
    const unprotected = await w.reopen(w.keys, { quiet: true });
    await expect(unprotected.append(sampleEvent(3))).rejects.toThrow('append-only protections were altered');
    expect(w.logged).toEqual([]);
  });

  it('says exactly what is wrong with a key that is missing, wrong, or whose seal was stripped from the database', async () => {
    const w = await sealedWorld();
    fs.writeFileSync(w.keyFile, Buffer.alloc(32, 7).toString('base64'));
    await w.reopen();
    expect((await w.ledger.verify()).seal.detail).toBe(
      `The seal could not be checked: the key in the file ${w.keyFile} is not the one this ledger was sealed with. ${CHAIN_ONLY}`,
    );
    const s = await sealedWorld();
    const raw = await intruder(s);
    await raw.run(
      'UPDATE audit_seal SET key_id = NULL, sealed_from_seq = NULL, sealed_since = NULL, seal = NULL',
    );
    await raw.cover();
    await s.reopen();
    expect(await s.ledger.verify()).toMatchObject({
      ok: false,
      seal: {
        status: 'broken',
        detail: `The seal could not be checked: the file ${s.keyFile} holds this ledger's seal key, but the database no longer records a seal: it was removed from the file.`,
      },
    });
  });

  it('catches the head moved back over events that are still there', async () => {
    const w = await sealedWorld();
    const raw = await intruder(w);
    await raw.run(
      'UPDATE audit_head SET count = 8, head_seq = 8, head_hash = ? WHERE id = 1',
      (await raw.row(8)).hash,
    );
    expect((await w.ledger.verify()).seal).toMatchObject({ status: 'broken', sealedSeq: N });
  });

  it('catches the head anchor removed', async () => {
    const w = await sealedWorld();
    await (await intruder(w)).run('DELETE FROM audit_head');
    expect(await w.ledger.verify()).toMatchObject({ ok: false, seal: { status: 'broken' } });
  });
});

describe('a SQLite data folder from before sealing existed', () => {
  it('starts sealing its ledger at its head after the upgrade, and says from where (SQLite only: PostgreSQL had the seal from its first release)', async () => {
    const dir = tempDirForTest('seal-upgrade');
    const raw = new Database(path.join(dir, DB_FILE));
    migrate(raw, 0, migrations.slice(0, 5));
    raw.close();
    const old = openDatabase(dir); // migrates to the latest schema; the ledger is written without a key
    try {
      await appendMany(await openStoreLedger(createSqliteStore(old), steppingClock(), { keys: null }), 4);
    } finally {
      closeDatabase(old);
    }
    const db = openDatabase(dir);
    try {
      const keyFile = path.join(tempDirForTest('seal-key'), 'k');
      const ledger = await openStoreLedger(createSqliteStore(db), steppingClock('2026-12-01T09:00:00.000Z'), {
        keys: sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${keyFile}` }),
      });
      await ledger.append(sampleEvent(5));
      const v = await ledger.verify();
      expect(v).toMatchObject({
        ok: true,
        count: 5,
        seal: { status: 'sealed', sealedSeq: 5, since: '2026-12-01T09:00:00.000Z' },
      });
      expect(v.seal.detail).toContain('since event 5 (2026-12-01T09:00:00.000Z)');
    } finally {
      closeDatabase(db);
    }
  });
});

describe('comparing MACs', () => {
  it('compares MACs safely: a missing, shorter or different seal never matches', () => {
    const mac = 'a'.repeat(64);
    expect(sameMac(mac, mac)).toBe(true);
    expect(sameMac(null, mac)).toBe(false);
    expect(sameMac(undefined, mac)).toBe(false);
    expect(sameMac('a'.repeat(63), mac)).toBe(false);
    expect(sameMac(`${'a'.repeat(63)}b`, mac)).toBe(false);
  });
});
