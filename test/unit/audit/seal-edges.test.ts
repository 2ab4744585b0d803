// The seal's edges: empty ledgers, a head moved back, keys that are missing, misconfigured or provisioned before
// first start (a server), anchors checked without the key, the exact sentences an admin reads, what is logged,
// and restoring protections that were altered in several ways at once.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { closeDatabase, openDatabase } from '../../../electron/store/database';
import { createAuditLedger } from '../../../electron/audit/ledger';
import { sealKeysFromEnv, type SealKeySource } from '../../../electron/audit/seal-key';
import { sameMac } from '../../../electron/audit/seal';
import { LanyardError } from '../../../electron/app/errors';
import { unavailable } from '../../../electron/secrets/keychain';
import { tempDirForTest } from '../../helpers/temp-dir';
import { appendSamples, attacker, row, sampleEvent, steppingClock } from './harness';
import { forgeAppend, N, rawConnection, recreateTriggers, sealedWorld, world } from './seal-kit';

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

const thrown = (f: () => unknown): LanyardError => {
  try {
    f();
  } catch (err) {
    return err as LanyardError;
  }
  throw new Error('expected it to throw');
};

describe('seal edges', () => {
  it('an empty sealed ledger verifies as sealed, and its anchor (event 0) matches', () => {
    const w = world();
    expect(w.ledger.verify()).toMatchObject({ ok: true, count: 0, seal: { status: 'sealed', sealedSeq: 0 } });
    const anchor = w.ledger.anchor();
    expect(anchor).toMatchObject({ seq: 0, count: 0, hash: '0'.repeat(64) });
    expect(w.ledger.verify(anchor).anchor).toMatchObject({ status: 'matches', signatureChecked: true });
  });

  it('a ledger without a seal key says exactly that, and its anchors are unsigned', () => {
    const db = openDatabase(tempDirForTest('seal-none'));
    onTestFinished(() => closeDatabase(db));
    const ledger = createAuditLedger(db, steppingClock());
    appendSamples(ledger, 3);
    expect(ledger.verify()).toMatchObject({
      ok: true,
      protections: { ok: true, detail: null },
      seal: {
        status: 'no-key',
        sealedSeq: 0,
        since: null,
        detail: `The seal could not be checked: no seal key is configured for this ledger. ${CHAIN_ONLY}`,
      },
    });
    const anchor = ledger.anchor();
    expect(anchor).toMatchObject({ seq: 3, keyId: null, signature: null });
    expect(ledger.evidenceAnchor().note).toBe(
      'Audit ledger head at generation: event 3 (unsigned: no seal key was available). Prove the ledger still contains it with `lanyard audit verify --anchor FILE` (FILE: this anchor as JSON).',
    );
  });

  it('seals a new server ledger with a key provisioned in an environment variable before first start', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const env = { LANYARD_AUDIT_SEAL_KEY: 'env:SEAL', SEAL: key };
    const dir = tempDirForTest('seal-env');
    const open = () => {
      const db = openDatabase(dir);
      onTestFinished(() => closeDatabase(db));
      return createAuditLedger(db, steppingClock(), { keys: sealKeysFromEnv(env) });
    };
    appendSamples(open(), 2);
    const v = open().verify();
    expect(v).toMatchObject({ ok: true, seal: { status: 'sealed', sealedSeq: 2 } });
    expect(v.seal.detail).toContain('in the environment variable SEAL');
  });

  it('refuses to start with a misconfigured key instead of running unsealed', () => {
    const db = openDatabase(tempDirForTest('seal-bad'));
    onTestFinished(() => closeDatabase(db));
    const missing = thrown(() =>
      createAuditLedger(db, steppingClock(), {
        keys: sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: 'env:NOPE' }),
      }),
    );
    expect(missing.code).toBe('bad_input');
    expect(missing.message).toBe(
      'The environment variable NOPE (named by LANYARD_AUDIT_SEAL_KEY) is not set.',
    );
    const keyFile = path.join(tempDirForTest('seal-bad-key'), 'k');
    fs.writeFileSync(keyFile, 'short', { mode: 0o600 });
    expect(() =>
      createAuditLedger(db, steppingClock(), {
        keys: sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${keyFile}` }),
      }),
    ).toThrow('The audit seal key in the file');
    // A key other users may read would let them forge a sealed ledger.
    const shared = path.join(tempDirForTest('seal-shared-key'), 'k');
    fs.writeFileSync(shared, `${'QUJD'.repeat(11)}\n`, { mode: 0o644 });
    fs.chmodSync(shared, 0o644);
    const open = thrown(() =>
      createAuditLedger(db, steppingClock(), {
        keys: sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${shared}` }),
      }),
    );
    expect([open.code, open.message]).toEqual([
      'bad_input',
      `The audit seal key file ${shared} may be read by other users (mode 644).`,
    ]);
    fs.chmodSync(shared, 0o640);
    expect(() =>
      createAuditLedger(db, steppingClock(), {
        keys: sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${shared}` }),
      }),
    ).not.toThrow();
    expect(() => sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: 'vault:x' })).toThrow(
      'LANYARD_AUDIT_SEAL_KEY must be file:/path/to/key or env:VARIABLE.',
    );
  });

  it('warns once at open when it cannot seal, and logs a misfit seal once until it is resumed', () => {
    const w = sealedWorld();
    w.reopen(locked);
    expect(w.logged).toEqual([
      'warn: audit ledger not sealed: the OS keychain could not be read: the keychain is locked',
    ]);
    w.logged.length = 0;
    w.reopen();
    expect(w.logged).toEqual([]);
    forgeAppend(rawConnection(w.file), N + 1);
    w.ledger.appendSync(sampleEvent(1));
    w.ledger.appendSync(sampleEvent(2));
    const misfit =
      'error: audit seal does not fit the ledger head: not extending it; run `lanyard audit verify`';
    expect(w.logged).toEqual([misfit]);
    w.ledger.protect('admin');
    forgeAppend(rawConnection(w.file), N + 5);
    w.ledger.appendSync(sampleEvent(3));
    expect(w.logged).toEqual([misfit, misfit]);
  });

  it('opens and records without a logger whatever goes wrong (locked keychain, misfit seal, altered triggers)', () => {
    const w = sealedWorld();
    closeDatabase(w.db);
    const quiet = (keys: SealKeySource) => {
      w.db = openDatabase(w.dir);
      return createAuditLedger(w.db, w.clock, { keys });
    };
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
    const blind = quiet(keychainLocked);
    blind.appendSync(sampleEvent(1));
    expect(blind.verify().seal.detail).toContain(
      'The seal could not be checked: the OS keychain could not be read: The OS keychain is not available',
    );
    closeDatabase(w.db);
    const keyed = quiet(w.keys);
    expect(keyed.verify().seal.status).toBe('behind');
    keyed.appendSync(sampleEvent(2)); // the seal does not fit: not extended, and nothing to log to
    attacker(w.file);
    closeDatabase(w.db);
    expect(() => quiet(w.keys).appendSync(sampleEvent(3))).toThrow('append-only protections were altered');
  });

  it('says exactly what is wrong with a key that is missing, wrong, or whose seal was stripped from the file', () => {
    const w = sealedWorld();
    fs.writeFileSync(w.keyFile, Buffer.alloc(32, 7).toString('base64'));
    w.reopen();
    expect(w.ledger.verify().seal.detail).toBe(
      `The seal could not be checked: the key in the file ${w.keyFile} is not the one this ledger was sealed with. ${CHAIN_ONLY}`,
    );
    const s = sealedWorld();
    const raw = attacker(s.file);
    raw.exec('DROP TRIGGER audit_seal_forward_only');
    raw
      .prepare(
        'UPDATE audit_seal SET key_id = NULL, sealed_from_seq = NULL, sealed_since = NULL, seal = NULL',
      )
      .run();
    recreateTriggers(raw);
    s.reopen();
    expect(s.ledger.verify()).toMatchObject({
      ok: false,
      seal: {
        status: 'broken',
        detail: `The seal could not be checked: the file ${s.keyFile} holds this ledger's seal key, but the database no longer records a seal: it was removed from the file.`,
      },
    });
  });

  it('catches the head moved back over events that are still there', () => {
    const w = sealedWorld();
    const raw = attacker(w.file);
    raw
      .prepare('UPDATE audit_head SET count = 8, head_seq = 8, head_hash = ? WHERE id = 1')
      .run(row(raw, 8).hash);
    expect(w.ledger.verify().seal).toMatchObject({ status: 'broken', sealedSeq: N });
  });

  it('catches the head anchor removed', () => {
    const w = sealedWorld();
    attacker(w.file).prepare('DELETE FROM audit_head').run();
    expect(w.ledger.verify()).toMatchObject({ ok: false, seal: { status: 'broken' } });
  });

  it('compares MACs safely: a missing, shorter or different seal never matches', () => {
    const mac = 'a'.repeat(64);
    expect(sameMac(mac, mac)).toBe(true);
    expect(sameMac(null, mac)).toBe(false);
    expect(sameMac(undefined, mac)).toBe(false);
    expect(sameMac('a'.repeat(63), mac)).toBe(false);
    expect(sameMac(`${'a'.repeat(63)}b`, mac)).toBe(false);
  });
});

describe('anchor edges', () => {
  it('says which anchor checks were made, with the exact sentences', () => {
    const w = sealedWorld();
    const anchor = w.ledger.anchor();
    expect(w.ledger.verify(anchor).anchor!.detail).toBe(
      `The ledger still contains the head anchored on ${anchor.at} (event ${N}) unchanged; the anchor carries this ledger\u2019s signature.`,
    );
    expect(w.ledger.verify({ ...anchor, keyId: 'f'.repeat(16) }).anchor).toEqual({
      status: 'forged',
      signatureChecked: true,
      detail: "The anchor's signature was not made with this ledger's key: it was edited or forged.",
    });
    const other = sealedWorld();
    expect(w.ledger.verify(other.ledger.anchor()).anchor).toEqual({
      status: 'other-ledger',
      signatureChecked: false,
      detail: `This anchor belongs to another ledger (${other.ledger.verify().ledgerId}); this one is ${w.ledger.verify().ledgerId}.`,
    });
  });

  it('checks what an anchor holds even where the key is not available, and says the signature was not checked', () => {
    const w = sealedWorld();
    const anchor = w.ledger.anchor();
    w.reopen(locked);
    expect(w.ledger.verify(anchor).anchor).toEqual({
      status: 'matches',
      signatureChecked: false,
      detail: `The ledger still contains the head anchored on ${anchor.at} (event ${N}) unchanged (its signature could not be checked here: no key).`,
    });
  });

  it('an unsigned anchor whose hash or count was changed does not match', () => {
    const w = sealedWorld();
    const unsigned = { ...w.ledger.anchor(), keyId: null, signature: null };
    expect(w.ledger.verify({ ...unsigned, hash: 'c'.repeat(64) }).anchor).toMatchObject({
      status: 'differs',
    });
    expect(w.ledger.verify({ ...unsigned, count: N + 1 }).anchor).toMatchObject({ status: 'differs' });
  });

  it('an anchored event deleted from the middle: the anchor differs and the chain names the gap', () => {
    const w = sealedWorld();
    const anchor = { ...w.ledger.anchor(), seq: 5, count: 5, keyId: null, signature: null };
    const stored = row(w.db, 5).hash;
    attacker(w.file).prepare('DELETE FROM audit_events WHERE seq = 5').run();
    const v = w.ledger.verify({ ...anchor, hash: stored });
    expect(v.firstBad).toMatchObject({ seq: 5, problem: 'deleted' });
    expect(v.anchor).toEqual({
      status: 'differs',
      signatureChecked: false,
      detail: `Event 5 is not the one anchored on ${anchor.at}: the ledger was rewritten at or before it.`,
    });
  });

  it('evidence gets the signed head, or says why there is none', () => {
    const w = sealedWorld();
    const note = w.ledger.evidenceAnchor();
    expect(note.anchor).toMatchObject({ seq: N, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(note.note).toBe(
      `Audit ledger head at generation: event ${N}, signed with the ledger\u2019s seal key. Prove the ledger still contains it with \`lanyard audit verify --anchor FILE\` (FILE: this anchor as JSON).`,
    );
    forgeAppend(rawConnection(w.file), N + 1);
    expect(w.ledger.evidenceAnchor()).toEqual({
      anchor: null,
      note: 'No anchor: The audit ledger does not verify, so Lanyard will not anchor its head.',
    });
    const refusal = thrown(() => w.ledger.anchor());
    expect([refusal.code, refusal.hint]).toEqual(['conflict', 'Run `lanyard audit verify` to see why.']);
  });
});

describe('protection edges', () => {
  it('an intact ledger needs no protecting, and protecting it records nothing', () => {
    const w = sealedWorld();
    expect(w.ledger.protect('admin')).toEqual([]);
    expect(w.ledger.verify().count).toBe(N);
  });

  it('restores triggers dropped, changed and added (whatever their names) at once, and records it', () => {
    const w = sealedWorld();
    const raw = rawConnection(w.file);
    raw.exec(`DROP TRIGGER audit_no_delete;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT 1; END;
      DROP TRIGGER audit_no_update;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT 1; END;
      DROP TRIGGER audit_head_no_delete;
      CREATE TRIGGER "sneaky""one" AFTER INSERT ON audit_events BEGIN SELECT 1; END;
      CREATE TRIGGER sneaky_two AFTER INSERT ON audit_head BEGIN SELECT 1; END;`);
    w.reopen();
    const v = w.ledger.verify();
    expect(v.protections.detail).toBe(
      `The audit ledger's append-only protections were altered outside Lanyard (removed: audit_head_no_delete; changed: audit_no_delete, audit_no_update; added: sneaky"one, sneaky_two).`,
    );
    const refusal = thrown(() => w.ledger.appendSync(sampleEvent(1)));
    expect([refusal.code, refusal.hint]).toEqual([
      'conflict',
      'Run `lanyard audit verify`; when it reports the ledger intact, `lanyard audit protect` restores them. Otherwise restore the data folder from a backup.',
    ]);
    expect(w.logged).toContain(`error: ${v.protections.detail}`);
    expect(w.ledger.protect('admin')).toEqual([
      'audit_head_no_delete',
      'audit_no_delete',
      'audit_no_update',
      'sneaky"one',
      'sneaky_two',
    ]);
    expect(w.ledger.verify()).toMatchObject({ ok: true, protections: { ok: true, detail: null } });
    const recorded = w.ledger.list({ action: 'audit.protected' }).events;
    expect(recorded.map((e) => [e.actor, e.result])).toEqual([['admin', 'ok']]);
  });

  it('a refusal to restore over a ledger that does not verify is a conflict that points to a backup', () => {
    const w = sealedWorld();
    attacker(w.file).prepare("UPDATE audit_events SET actor = 'x' WHERE seq = 4").run();
    w.reopen();
    const refusal = thrown(() => w.ledger.protect('admin'));
    expect([refusal.code, refusal.hint]).toEqual([
      'conflict',
      'Restore the data folder from a backup taken before the change.',
    ]);
  });
});
