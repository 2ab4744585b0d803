// Attacks on the ledger's protections that exist on PostgreSQL only: a trigger left in place but disabled, or set
// to fire only on replicas (so never in a normal session), a trigger function replaced by a no-op (every trigger
// running it is then hollow), and replica mode (session_replication_role), under which no trigger fires and none
// is altered. The first three are found and restored like a dropped trigger; the last leaves only the chain, the
// seal and anchors to see what was done.
import { describe, expect, it } from 'vitest';
import { intruder, sampleEvent } from './harness';
import { N, worldsOn } from './seal-kit';

const problem = (parts: string): string =>
  `The audit ledger's append-only protections were altered outside Lanyard (${parts}).`;

const refusal = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'accepted',
    (err: Error) => err.message,
  );

describe('append-only protections on postgres only', () => {
  const { sealedWorld } = worldsOn('postgres');

  it('PostgreSQL: a trigger disabled (ALTER TABLE … DISABLE TRIGGER) is found, appends are refused, and protect enables it again', async () => {
    const w = await sealedWorld();
    const owner = await intruder(w, 'kept');
    await owner.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    expect(await refusal(owner.run('UPDATE audit_events SET actor = actor WHERE seq = 1'))).toBe('accepted');
    await w.reopen();
    await expect(w.ledger.append(sampleEvent(11))).rejects.toThrow(
      problem('changed: audit_events_no_update'),
    );
    expect((await w.ledger.verify()).protections.detail).toBe(problem('changed: audit_events_no_update'));
    expect(await w.ledger.protect('admin')).toEqual(['audit_events_no_update']);
    expect(await refusal(owner.run("UPDATE audit_events SET actor = 'x' WHERE seq = 1"))).toBe(
      'the audit ledger is append-only: UPDATE on audit_events is refused',
    );
    expect(await w.ledger.verify()).toMatchObject({ ok: true, count: N + 1, protections: { ok: true } });
  });

  it('PostgreSQL: a trigger set to fire only on replicas (ENABLE REPLICA TRIGGER) counts as disabled', async () => {
    const w = await sealedWorld();
    const owner = await intruder(w, 'kept');
    await owner.exec('ALTER TABLE audit_events ENABLE REPLICA TRIGGER audit_events_no_delete');
    // In place and "enabled", yet it no longer fires in an ordinary session:
    expect(await refusal(owner.exec('BEGIN; DELETE FROM audit_events WHERE seq = 1; ROLLBACK'))).toBe(
      'accepted',
    );
    await w.reopen();
    expect((await w.ledger.verify()).protections.detail).toBe(problem('changed: audit_events_no_delete'));
    expect(await w.ledger.protect('admin')).toEqual(['audit_events_no_delete']);
    expect(await refusal(owner.run('DELETE FROM audit_events WHERE seq = 1'))).toBe(
      'the audit ledger is append-only: DELETE on audit_events is refused',
    );
  });

  it('PostgreSQL: a trigger function replaced by a no-op hollows every trigger that runs it; protect restores its source', async () => {
    const w = await sealedWorld();
    const owner = await intruder(w, 'kept');
    await owner.exec(
      'CREATE OR REPLACE FUNCTION lanyard_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$',
    );
    const hollow = [
      'audit_events_no_update',
      'audit_events_no_delete',
      'audit_events_no_truncate',
      'audit_head_no_delete',
      'audit_head_no_truncate',
      'audit_seal_no_delete',
      'audit_seal_no_truncate',
    ];
    await w.reopen();
    const v = await w.ledger.verify();
    expect(v).toMatchObject({ ok: false, count: N, protections: { ok: false } });
    expect(v.protections.detail).toBe(problem(`changed: ${hollow.join(', ')}`));
    await expect(w.ledger.append(sampleEvent(11))).rejects.toThrow('Lanyard records nothing');
    expect(await w.ledger.protect('admin')).toEqual(hollow);
    expect(await refusal(owner.run('DELETE FROM audit_events WHERE seq = 1'))).toBe(
      'the audit ledger is append-only: DELETE on audit_events is refused',
    );
    expect(await w.ledger.verify()).toMatchObject({ ok: true, count: N + 1, protections: { ok: true } });
  });

  it('PostgreSQL: replica mode bypasses the triggers without altering them; the chain and the seal still see the edit', async () => {
    const w = await sealedWorld();
    const raw = await intruder(w, 'bypassed');
    await raw.run("UPDATE audit_events SET actor = 'x' WHERE seq = 4");
    const v = await w.ledger.verify();
    expect(v.protections).toEqual({ ok: true, detail: null });
    expect(v).toMatchObject({ ok: false, firstBad: { seq: 4, problem: 'edited' } });
    // Nothing was altered, so there is nothing to restore; a rewrite that keeps the chain valid is the seal's to
    // catch (seal.test.ts, on both engines).
    expect(await w.ledger.protect('admin')).toEqual([]);
  });

  it('PostgreSQL: replica mode set for the whole database (ALTER DATABASE … SET) silences every trigger: found, and nothing is recorded', async () => {
    const w = await sealedWorld();
    const owner = await intruder(w, 'kept');
    await owner.exec(
      `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET session_replication_role = replica', current_database()); END $$`,
    );
    await w.reopen(); // new sessions take the database's setting
    const v = await w.ledger.verify();
    expect(v.protections.ok).toBe(false);
    expect(v.protections.detail).toContain('audit_events_no_update');
    await expect(w.ledger.append(sampleEvent(11))).rejects.toThrow(/append-only protections were altered/);
  });
});
