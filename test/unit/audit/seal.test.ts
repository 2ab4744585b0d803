// The sealed ledger: someone who can write the database file but does not have the seal key (kept in a key file
// here, as on a server; the OS keychain variant is in seal-keychain.test.ts) cannot append, rewrite or truncate
// without `audit verify` failing — and an anchor kept elsewhere catches the file being replaced by an older copy.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { closeDatabase, DB_FILE, migrate, openDatabase, type Db } from '../../../electron/store/database';
import { createAuditLedger, type AuditLedger } from '../../../electron/audit/ledger';
import { sealKeysFromEnv, type SealKeySource } from '../../../electron/audit/seal-key';
import { rowHash } from '../../../electron/audit/hash';
import { migrations } from '../../../electron/store/migrations';
import { tempDirForTest } from '../../helpers/temp-dir';
import { appendSamples, attacker, row, sampleEvent, steppingClock } from './harness';
import { forgeAppend, N, rawConnection, recreateTriggers, sealedWorld } from './seal-kit';

describe('the sealed audit ledger', () => {
  it('seals a new ledger from its first event, keeps the key only in the key file, and verifies as sealed', () => {
    const w = sealedWorld();
    const v = w.ledger.verify();
    expect(v).toMatchObject({ ok: true, count: N, headSeq: N, seal: { status: 'sealed', sealedSeq: N } });
    expect(v.seal.detail).toContain('since event 1');
    expect(v.seal.detail).toContain(`the file ${w.keyFile}`);
    const keyText = fs.readFileSync(w.keyFile, 'utf8').trim();
    expect(Buffer.from(keyText, 'base64')).toHaveLength(32);
    expect(fs.statSync(w.keyFile).mode & 0o777).toBe(0o600);
    closeDatabase(w.db);
    expect(fs.readFileSync(w.file).includes(Buffer.from(keyText))).toBe(false);
    w.reopen();
    expect(w.ledger.verify().seal.status).toBe('sealed');
  });

  it('catches an event appended with a correct hash and the head moved forward (triggers untouched)', () => {
    const w = sealedWorld();
    forgeAppend(rawConnection(w.file), N + 1);
    const v = w.ledger.verify();
    expect(v.firstBad).toBeUndefined(); // the chain alone cannot see it
    expect(v.ok).toBe(false);
    expect(v.seal).toMatchObject({ status: 'behind', sealedSeq: N });
    expect(v.seal.detail).toMatch(/^Event 11 is not covered by the seal/);
  });

  it('does not extend the seal over a forged event when Lanyard appends after it', () => {
    const w = sealedWorld();
    forgeAppend(rawConnection(w.file), N + 1);
    w.ledger.appendSync(sampleEvent(11));
    w.ledger.appendSync(sampleEvent(12));
    const v = w.ledger.verify();
    expect(v.count).toBe(N + 3);
    expect(v.seal).toMatchObject({ status: 'behind', sealedSeq: N });
    expect(v.seal.detail).toMatch(/^Events 11–13 are not covered/);
  });

  it('catches a forged append whose attacker also moved the sealed head (without the key the seal cannot fit)', () => {
    const w = sealedWorld();
    const raw = rawConnection(w.file);
    forgeAppend(raw, N + 1);
    raw
      .prepare(
        'UPDATE audit_seal SET sealed_count = ?, sealed_seq = ?, sealed_hash = ?, seal = ? WHERE id = 1',
      )
      .run(N + 1, N + 1, row(raw, N + 1).hash, 'f'.repeat(64));
    const v = w.ledger.verify();
    expect(v).toMatchObject({ ok: false, seal: { status: 'broken' } });
    expect(v.seal.detail).toMatch(/^The seal does not match/);
  });

  it('catches a chain rewritten and rehashed after dropping the forward-only trigger, even with the triggers put back', () => {
    const w = sealedWorld();
    const raw = attacker(w.file);
    let prev = row(raw, 2).hash;
    for (let seq = 3; seq <= N; seq++) {
      const r = { ...row(raw, seq), prev_hash: prev, ...(seq === 3 ? { person_id: 'someone-else' } : {}) };
      prev = rowHash(r);
      raw
        .prepare('UPDATE audit_events SET person_id = ?, prev_hash = ?, hash = ? WHERE seq = ?')
        .run(r.person_id, r.prev_hash, prev, seq);
    }
    raw.prepare('UPDATE audit_head SET head_hash = ? WHERE id = 1').run(prev);
    recreateTriggers(raw);
    w.reopen();
    const v = w.ledger.verify();
    expect(v.firstBad).toBeUndefined();
    expect(v.protections.ok).toBe(true);
    expect(v.ok).toBe(false);
    expect(v.seal.status).toBe('broken');
    expect(v.seal.detail).toBe(
      `The ledger no longer contains the sealed head (event ${N}): events at or before it were rewritten or removed.`,
    );
  });

  it('catches the newest events deleted with the head moved back', () => {
    const w = sealedWorld();
    const raw = attacker(w.file);
    raw.prepare('DELETE FROM audit_events WHERE seq > 8').run();
    raw
      .prepare('UPDATE audit_head SET count = 8, head_seq = 8, head_hash = ? WHERE id = 1')
      .run(row(raw, 8).hash);
    recreateTriggers(raw);
    w.reopen();
    expect(w.ledger.verify()).toMatchObject({ ok: false, count: 8, seal: { status: 'broken' } });
  });

  it('catches a seal copied from another ledger', () => {
    const a = sealedWorld();
    const b = sealedWorld();
    const theirs = rawConnection(b.file).prepare('SELECT * FROM audit_seal').get() as Record<string, unknown>;
    const raw = attacker(a.file);
    raw.exec('DROP TRIGGER audit_seal_forward_only');
    raw.prepare('UPDATE audit_seal SET key_id = ?, seal = ? WHERE id = 1').run(theirs.key_id, theirs.seal);
    a.reopen(b.keys);
    expect(a.ledger.verify().seal.status).toBe('broken');
  });

  it('keeps recording without the key, says what could not be checked, and seals again only after review', () => {
    const w = sealedWorld();
    const locked: SealKeySource = {
      description: 'the OS keychain',
      load() {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
      create() {
        throw new Error('unreachable');
      },
    };
    w.reopen(locked);
    w.ledger.appendSync(sampleEvent(11));
    const blind = w.ledger.verify();
    expect(blind).toMatchObject({ ok: true, count: N + 1, seal: { status: 'no-key' } });
    expect(blind.seal.detail).toBe(
      'The seal could not be checked: the OS keychain could not be read: Cannot autolaunch D-Bus without X11 $DISPLAY. The hash chain alone proves integrity only against someone who cannot write the database file.',
    );

    w.reopen();
    const behind = w.ledger.verify();
    expect(behind).toMatchObject({ ok: false, seal: { status: 'behind', sealedSeq: N } });
    expect(w.ledger.protect('admin')).toEqual([`seal over events ${N + 1}–${N + 1}`]);
    const after = w.ledger.verify();
    expect(after).toMatchObject({ ok: true, count: N + 2, seal: { status: 'sealed', sealedSeq: N + 2 } });
    const last = w.ledger.list({ action: 'audit.protected' }).events;
    expect(last.map((e) => [e.seq, e.actor, e.after])).toEqual([
      [N + 2, 'admin', { restored: [`seal over events ${N + 1}–${N + 1}`], seal: 'behind' }],
    ]);
  });

  it('a second process opening a new ledger at the same time uses the key the first stored, never a second one', () => {
    const dir = tempDirForTest('seal-race');
    const keyFile = path.join(tempDirForTest('seal-key'), 'seal.key');
    const keys = sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${keyFile}` });
    const clock = steppingClock();
    const open = (): Db => {
      const db = openDatabase(dir);
      onTestFinished(() => closeDatabase(db));
      return db;
    };
    let first: AuditLedger | null = null;
    const raced: SealKeySource = {
      description: keys.description,
      load(id) {
        if (first) return keys.load(id);
        // This process looked for the key just before the first process stored it and began sealing.
        first = createAuditLedger(open(), clock, { keys });
        return null;
      },
      create: () => {
        throw new Error('a second key would replace the first one');
      },
    };
    const second = createAuditLedger(open(), clock, { keys: raced });
    const keyText = fs.readFileSync(keyFile, 'utf8');
    second.appendSync(sampleEvent(1));
    first!.appendSync(sampleEvent(2));
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(keyText);
    expect(second.verify()).toMatchObject({ ok: true, count: 2, seal: { status: 'sealed', sealedSeq: 2 } });
  });

  it('never creates a second key for a ledger whose key is missing, and says so', () => {
    const w = sealedWorld();
    fs.rmSync(w.keyFile);
    w.reopen();
    const v = w.ledger.verify();
    expect(v.seal.status).toBe('no-key');
    expect(v.seal.detail).toContain(`the key this ledger was sealed with is not in the file ${w.keyFile}`);
    expect(fs.existsSync(w.keyFile)).toBe(false);
  });

  it('names a key that is not the one the ledger was sealed with', () => {
    const w = sealedWorld();
    fs.writeFileSync(w.keyFile, Buffer.alloc(32, 7).toString('base64'));
    w.reopen();
    expect(w.ledger.verify()).toMatchObject({ ok: false, seal: { status: 'wrong-key' } });
  });

  it('reports a seal removed from the file of a ledger whose key exists', () => {
    const w = sealedWorld();
    const raw = attacker(w.file);
    raw.exec('DROP TABLE audit_seal');
    migrations[5]!.up(raw); // a fresh, never-sealed seal row, as if the ledger predated sealing
    w.reopen();
    expect(w.ledger.verify()).toMatchObject({ ok: false, seal: { status: 'broken' } });
  });

  it('starts sealing a ledger written before sealing existed at its head, and says from where', () => {
    const dir = tempDirForTest('seal-upgrade');
    const raw = new Database(path.join(dir, DB_FILE));
    migrate(raw, 0, migrations.slice(0, 5));
    raw.close();
    const old = openDatabase(dir); // migrates to the latest schema; the ledger is written without a key
    appendSamples(createAuditLedger(old, steppingClock(), { keys: null }), 4);
    closeDatabase(old);
    const keyFile = path.join(tempDirForTest('seal-key'), 'k');
    const db = openDatabase(dir);
    onTestFinished(() => closeDatabase(db));
    const clock = steppingClock('2026-12-01T09:00:00.000Z');
    const ledger = createAuditLedger(db, clock, {
      keys: sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${keyFile}` }),
    });
    ledger.appendSync(sampleEvent(5));
    expect(ledger.verify()).toMatchObject({
      ok: true,
      seal: { status: 'sealed', sealedSeq: 5, since: '2026-12-01T09:00:00.000Z' },
    });
    expect(ledger.verify().seal.detail).toContain('since event 5 (2026-12-01T09:00:00.000Z)');
  });
});

describe('anchors', () => {
  it('an anchor taken now is found unchanged later, after more events', () => {
    const w = sealedWorld();
    const anchor = w.ledger.anchor();
    expect(anchor).toMatchObject({
      format: 'lanyard-audit-anchor-v1',
      seq: N,
      count: N,
      hash: row(w.db, N).hash,
    });
    expect(anchor.signature).toMatch(/^[0-9a-f]{64}$/);
    appendSamples(w.ledger, 3);
    const v = w.ledger.verify(anchor);
    expect(v).toMatchObject({ ok: true, anchor: { status: 'matches', signatureChecked: true } });
  });

  it('catches the database replaced by an older copy of itself, which the seal alone cannot', () => {
    const w = sealedWorld();
    closeDatabase(w.db);
    const copy = path.join(tempDirForTest('seal-copy'), DB_FILE);
    fs.copyFileSync(w.file, copy);
    w.reopen();
    appendSamples(w.ledger, 5);
    const anchor = w.ledger.anchor();
    closeDatabase(w.db);
    fs.copyFileSync(copy, w.file);
    for (const extra of ['-wal', '-shm']) fs.rmSync(w.file + extra, { force: true });
    w.reopen();
    const v = w.ledger.verify(anchor);
    expect(v.seal.status).toBe('sealed');
    expect(v).toMatchObject({ ok: false, anchor: { status: 'missing' } });
    expect(v.anchor!.detail).toMatch(/^The ledger ends at event 10, before the anchored head \(event 15, /);
  });

  it('rejects an anchor that was edited, or that belongs to another ledger', () => {
    const w = sealedWorld();
    const anchor = w.ledger.anchor();
    expect(
      w.ledger.verify({ ...anchor, hash: row(w.db, N - 1).hash, seq: N - 1, count: N - 1 }),
    ).toMatchObject({ ok: false, anchor: { status: 'forged' } });
    const other = sealedWorld().ledger.anchor();
    expect(w.ledger.verify(other)).toMatchObject({ ok: false, anchor: { status: 'other-ledger' } });
  });

  it('an unsigned anchor still proves what it holds, and says it is unsigned', () => {
    const w = sealedWorld();
    const v = w.ledger.verify({ ...w.ledger.anchor(), keyId: null, signature: null });
    expect(v.anchor).toMatchObject({ status: 'matches', signatureChecked: false });
    expect(v.anchor!.detail).toContain('the anchor is unsigned');
  });

  it('refuses to anchor a ledger that does not verify', () => {
    const w = sealedWorld();
    forgeAppend(rawConnection(w.file), N + 1);
    expect(() => w.ledger.anchor()).toThrow(
      'The audit ledger does not verify, so Lanyard will not anchor its head.',
    );
  });
});

describe('append-only protections', () => {
  it('refuses to append on a database whose triggers were dropped, and restores them once the ledger verifies', () => {
    const w = sealedWorld();
    attacker(w.file);
    w.reopen();
    expect(() => w.ledger.appendSync(sampleEvent(11))).toThrow(
      /^The audit ledger's append-only protections were altered outside Lanyard \(removed: audit_head_forward_only, .*\)\. Lanyard records nothing, and so changes nothing, until they are restored\.$/,
    );
    expect(w.ledger.verify()).toMatchObject({ ok: false, count: N, protections: { ok: false } });
    expect(w.ledger.protect('admin')).toEqual([
      'audit_head_forward_only',
      'audit_head_no_delete',
      'audit_head_single_row',
      'audit_no_delete',
      'audit_no_update',
    ]);
    w.ledger.appendSync(sampleEvent(12));
    expect(w.ledger.verify()).toMatchObject({ ok: true, count: N + 2, seal: { status: 'sealed' } });
    expect(() => rawConnection(w.file).prepare('DELETE FROM audit_events WHERE seq = 1').run()).toThrow(
      'audit_events is append-only',
    );
  });

  it('notices a trigger replaced by a no-op of the same name, and an extra trigger', () => {
    const w = sealedWorld();
    const raw = rawConnection(w.file);
    raw.exec(`DROP TRIGGER audit_no_delete;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT 1; END;
      CREATE TRIGGER sneaky AFTER INSERT ON audit_events BEGIN SELECT 1; END;`);
    w.reopen();
    expect(w.ledger.verify().protections.detail).toBe(
      "The audit ledger's append-only protections were altered outside Lanyard (changed: audit_no_delete; added: sneaky).",
    );
  });

  it('does not restore the protections over a ledger that no longer verifies', () => {
    const w = sealedWorld();
    const raw = attacker(w.file);
    raw.prepare("UPDATE audit_events SET actor = 'x' WHERE seq = 4").run();
    w.reopen();
    expect(() => w.ledger.protect('admin')).toThrow(/^The audit ledger does not verify \(event 4's contents/);
  });
});
