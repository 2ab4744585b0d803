// The sealed ledger on both engines: someone who can write the database but does not have the seal key (kept in a
// key file here, as on a server; the OS keychain variant is in seal-keychain.test.ts) cannot append, rewrite or
// truncate without `audit verify` failing. Anchors: seal-anchors.test.ts; protections: protections.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStoreLedger, type StoreLedger } from '../../../electron/audit/store-ledger';
import { sealKeysFromEnv, type SealKeySource } from '../../../electron/audit/seal-key';
import { rowHash } from '../../../electron/audit/hash';
import { closeDatabase } from '../../../electron/store/database';
import type { Store } from '../../../electron/store/store';
import { ENGINES } from '../../helpers/store-engines';
import { filesContaining, tempDirForTest } from '../../helpers/temp-dir';
import { intruder, sampleEvent, steppingClock, storedRows } from './harness';
import { forgeAppend, N, worldsOn, type World } from './seal-kit';

/** The files that hold the database: the SQLite folder, or this PostgreSQL database's folder in the cluster. */
const databaseFiles = async (w: World): Promise<string> => {
  if (w.engine === 'sqlite') return w.t.where;
  const q = w.store.q();
  await sql`CHECKPOINT`.execute(q);
  const r = await sql<{ dir: string; oid: number }>`SELECT current_setting('data_directory') AS dir,
    (SELECT oid FROM pg_database WHERE datname = current_database())::int AS oid`.execute(q);
  return path.join(r.rows[0]!.dir, 'base', String(r.rows[0]!.oid));
};

describe.each(ENGINES)('the sealed audit ledger on %s', (engine) => {
  const { sealedWorld, stores } = worldsOn(engine);

  it('seals a new ledger from its first event, keeps the key only in the key file, and verifies as sealed', async () => {
    const w = await sealedWorld();
    const v = await w.ledger.verify();
    expect(v).toMatchObject({ ok: true, count: N, headSeq: N, seal: { status: 'sealed', sealedSeq: N } });
    expect(v.seal.detail).toContain('since event 1');
    expect(v.seal.detail).toContain(`the file ${w.keyFile}`);
    const keyText = fs.readFileSync(w.keyFile, 'utf8').trim();
    expect(Buffer.from(keyText, 'base64')).toHaveLength(32);
    expect(fs.statSync(w.keyFile).mode & 0o777).toBe(0o600);
    const files = await databaseFiles(w);
    if (w.t.db) closeDatabase(w.t.db); // SQLite: the WAL is folded into the file
    expect(filesContaining(files, 'audit_seal').length).toBeGreaterThan(0); // the scan does see the database
    expect(filesContaining(files, keyText)).toEqual([]);
    await w.reopen();
    expect((await w.ledger.verify()).seal.status).toBe('sealed');
  });

  it('catches an event appended with a correct hash and the head moved forward (triggers untouched)', async () => {
    const w = await sealedWorld();
    await forgeAppend(await intruder(w, 'kept'), N + 1);
    const v = await w.ledger.verify();
    expect(v.firstBad).toBeUndefined(); // the chain alone cannot see it
    expect(v.protections.ok).toBe(true);
    expect(v.ok).toBe(false);
    expect(v.seal).toMatchObject({ status: 'behind', sealedSeq: N });
    expect(v.seal.detail).toMatch(/^Event 11 is not covered by the seal/);
  });

  it('does not extend the seal over a forged event when Lanyard appends after it', async () => {
    const w = await sealedWorld();
    await forgeAppend(await intruder(w, 'kept'), N + 1);
    await w.ledger.append(sampleEvent(11));
    await w.ledger.append(sampleEvent(12));
    const v = await w.ledger.verify();
    expect(v.count).toBe(N + 3);
    expect(v.seal).toMatchObject({ status: 'behind', sealedSeq: N });
    expect(v.seal.detail).toMatch(/^Events 11–13 are not covered/);
  });

  it('catches a forged append whose attacker also moved the sealed head (without the key the seal cannot fit)', async () => {
    const w = await sealedWorld();
    const raw = await intruder(w, 'kept');
    await forgeAppend(raw, N + 1);
    await raw.run(
      'UPDATE audit_seal SET sealed_count = ?, sealed_seq = ?, sealed_hash = ?, seal = ? WHERE id = 1',
      N + 1,
      N + 1,
      (await raw.row(N + 1)).hash,
      'f'.repeat(64),
    );
    const v = await w.ledger.verify();
    expect(v).toMatchObject({ ok: false, seal: { status: 'broken' } });
    expect(v.seal.detail).toMatch(/^The seal does not match/);
  });

  it('catches a chain rewritten and rehashed past the triggers, even with the triggers as they were', async () => {
    const w = await sealedWorld();
    const raw = await intruder(w);
    let prev = (await raw.row(2)).hash;
    for (let seq = 3; seq <= N; seq++) {
      const r = {
        ...(await raw.row(seq)),
        prev_hash: prev,
        ...(seq === 3 ? { person_id: 'someone-else' } : {}),
      };
      prev = rowHash(r);
      await raw.run(
        'UPDATE audit_events SET person_id = ?, prev_hash = ?, hash = ? WHERE seq = ?',
        r.person_id,
        r.prev_hash,
        prev,
        seq,
      );
    }
    await raw.run('UPDATE audit_head SET head_hash = ? WHERE id = 1', prev);
    await raw.cover();
    await w.reopen();
    const v = await w.ledger.verify();
    expect(v.firstBad).toBeUndefined();
    expect(v.protections.ok).toBe(true);
    expect(v.ok).toBe(false);
    expect(v.seal.status).toBe('broken');
    expect(v.seal.detail).toBe(
      `The ledger no longer contains the sealed head (event ${N}): events at or before it were rewritten or removed.`,
    );
  });

  it('catches the newest events deleted with the head moved back', async () => {
    const w = await sealedWorld();
    const raw = await intruder(w);
    await raw.run('DELETE FROM audit_events WHERE seq > 8');
    await raw.run(
      'UPDATE audit_head SET count = 8, head_seq = 8, head_hash = ? WHERE id = 1',
      (await raw.row(8)).hash,
    );
    await raw.cover();
    await w.reopen();
    expect(await w.ledger.verify()).toMatchObject({
      ok: false,
      count: 8,
      protections: { ok: true },
      seal: { status: 'broken' },
    });
  });

  it('catches a seal copied from another ledger', async () => {
    const a = await sealedWorld();
    const b = await sealedWorld();
    const theirs = await b.store.q().selectFrom('audit_seal').selectAll().executeTakeFirstOrThrow();
    const raw = await intruder(a);
    await raw.run('UPDATE audit_seal SET key_id = ?, seal = ? WHERE id = 1', theirs.key_id, theirs.seal);
    await raw.cover();
    await a.reopen(b.keys);
    expect((await a.ledger.verify()).seal.status).toBe('broken');
  });

  it('keeps recording without the key, says what could not be checked, and seals again only after review', async () => {
    const w = await sealedWorld();
    const locked: SealKeySource = {
      description: 'the OS keychain',
      load() {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
      create() {
        throw new Error('unreachable');
      },
    };
    await w.reopen(locked);
    await w.ledger.append(sampleEvent(11));
    const blind = await w.ledger.verify();
    expect(blind).toMatchObject({ ok: true, count: N + 1, seal: { status: 'no-key' } });
    expect(blind.seal.detail).toBe(
      'The seal could not be checked: the OS keychain could not be read: Cannot autolaunch D-Bus without X11 $DISPLAY. The hash chain alone proves integrity only against someone who cannot write the database file.',
    );

    await w.reopen();
    const behind = await w.ledger.verify();
    expect(behind).toMatchObject({ ok: false, seal: { status: 'behind', sealedSeq: N } });
    expect(await w.ledger.protect('admin')).toEqual([`seal over events ${N + 1}–${N + 1}`]);
    const after = await w.ledger.verify();
    expect(after).toMatchObject({ ok: true, count: N + 2, seal: { status: 'sealed', sealedSeq: N + 2 } });
    const last = (await w.ledger.list({ action: 'audit.protected' })).events;
    expect(last.map((e) => [e.seq, e.actor, e.after])).toEqual([
      [N + 2, 'admin', { restored: [`seal over events ${N + 1}–${N + 1}`], seal: 'behind' }],
    ]);
  });

  it('a second process opening a new ledger at the same time uses the key the first stored, never a second one', async () => {
    const t = await stores('seal-race');
    const keyFile = path.join(tempDirForTest('seal-key'), 'seal.key');
    const keys = sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${keyFile}` });
    const clock = steppingClock();
    const elsewhere = await t.another();
    let first: StoreLedger | null = null;
    let firstOpened: Promise<void> | null = null;
    const raced: SealKeySource = {
      description: keys.description,
      load(id) {
        if (firstOpened) return keys.load(id);
        // This process looked for the key just before the first process stored it and began sealing.
        firstOpened = openStoreLedger(elsewhere, clock, { keys }).then((l) => void (first = l));
        return null;
      },
      create: () => {
        throw new Error('a second key would replace the first one');
      },
    };
    // Its write transaction waits for the first process's, as the database's write lock makes it.
    const waiting: Store = {
      ...t.store,
      tx: async (fn) => {
        await firstOpened;
        return t.store.tx(fn);
      },
    };
    const second = await openStoreLedger(waiting, clock, { keys: raced });
    expect(first).not.toBeNull();
    const keyText = fs.readFileSync(keyFile, 'utf8');
    await second.append(sampleEvent(1));
    await first!.append(sampleEvent(2));
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(keyText);
    expect(await second.verify()).toMatchObject({
      ok: true,
      count: 2,
      seal: { status: 'sealed', sealedSeq: 2 },
    });
  });

  it('never creates a second key for a ledger whose key is missing, and says so', async () => {
    const w = await sealedWorld();
    fs.rmSync(w.keyFile);
    await w.reopen();
    const v = await w.ledger.verify();
    expect(v.seal.status).toBe('no-key');
    expect(v.seal.detail).toContain(`the key this ledger was sealed with is not in the file ${w.keyFile}`);
    expect(fs.existsSync(w.keyFile)).toBe(false);
  });

  it('names a key that is not the one the ledger was sealed with', async () => {
    const w = await sealedWorld();
    fs.writeFileSync(w.keyFile, Buffer.alloc(32, 7).toString('base64'));
    await w.reopen();
    expect(await w.ledger.verify()).toMatchObject({ ok: false, seal: { status: 'wrong-key' } });
  });

  it('reports a seal removed from the database of a ledger whose key exists', async () => {
    const w = await sealedWorld();
    const raw = await intruder(w);
    // A fresh, never-sealed seal row, as if the ledger predated sealing.
    await raw.run('DELETE FROM audit_seal');
    await raw.run('INSERT INTO audit_seal (id, ledger_id) VALUES (1, ?)', 'ab'.repeat(16));
    await raw.cover();
    await w.reopen();
    expect(await w.ledger.verify()).toMatchObject({
      ok: false,
      protections: { ok: true },
      seal: { status: 'broken' },
    });
  });

  it('starts sealing a ledger written without a key (or before sealing existed) at its head, and says from where', async () => {
    const t = await stores('seal-upgrade');
    const unsealed = await openStoreLedger(t.store, steppingClock(), { keys: null });
    for (let i = 1; i <= 4; i++) await unsealed.append(sampleEvent(i));
    const keyFile = path.join(tempDirForTest('seal-key'), 'k');
    const store = await t.another();
    const ledger = await openStoreLedger(store, steppingClock('2026-12-01T09:00:00.000Z'), {
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
    expect((await storedRows(store)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
  });
});
