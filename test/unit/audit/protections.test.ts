// The ledger's append-only protections on both engines: triggers dropped, replaced by a no-op or added beside them
// are found at open and by verify, appends are refused until `protect` restores them over a ledger that
// verifies. On PostgreSQL also what SQLite has no equivalent of: a trigger disabled, set to fire only on
// replicas, or its function replaced; and replica mode, which bypasses the triggers without altering them.
import { describe, expect, it } from 'vitest';
import type { LanyardError } from '../../../electron/app/errors';
import type { StoreEngine } from '../../../electron/store/store';
import { ENGINES } from '../../helpers/store-engines';
import { intruder, LEDGER_TRIGGERS, sampleEvent } from './harness';
import { N, worldsOn } from './seal-kit';

const problem = (parts: string): string =>
  `The audit ledger's append-only protections were altered outside Lanyard (${parts}).`;

const refusal = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'accepted',
    (err: Error) => err.message,
  );

/** A trigger replaced by a no-op of the same name, and one added, as each engine writes them. */
const SWAPPED: Record<StoreEngine, { sql: string; detail: string }> = {
  sqlite: {
    sql: `DROP TRIGGER audit_no_delete;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT 1; END;
      CREATE TRIGGER sneaky AFTER INSERT ON audit_events BEGIN SELECT 1; END;`,
    detail: problem('changed: audit_no_delete; added: sneaky'),
  },
  postgres: {
    sql: `CREATE FUNCTION sneaky_noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN coalesce(NEW, OLD); END $$;
      CREATE OR REPLACE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION sneaky_noop();
      CREATE TRIGGER sneaky AFTER INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION sneaky_noop();`,
    detail: problem('changed: audit_events_no_delete; added: sneaky'),
  },
};

/** Several alterations at once: one dropped, two replaced, two added under awkward names. */
const MANY: Record<StoreEngine, { sql: string; detail: string; restored: string[] }> = {
  sqlite: {
    sql: `DROP TRIGGER audit_no_delete;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT 1; END;
      DROP TRIGGER audit_no_update;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT 1; END;
      DROP TRIGGER audit_head_no_delete;
      CREATE TRIGGER "sneaky""one" AFTER INSERT ON audit_events BEGIN SELECT 1; END;
      CREATE TRIGGER sneaky_two AFTER INSERT ON audit_head BEGIN SELECT 1; END;`,
    detail: problem(
      'removed: audit_head_no_delete; changed: audit_no_delete, audit_no_update; added: sneaky"one, sneaky_two',
    ),
    restored: ['audit_head_no_delete', 'audit_no_delete', 'audit_no_update', 'sneaky"one', 'sneaky_two'],
  },
  postgres: {
    sql: `CREATE FUNCTION sneaky_noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN coalesce(NEW, OLD); END $$;
      CREATE OR REPLACE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION sneaky_noop();
      CREATE OR REPLACE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION sneaky_noop();
      DROP TRIGGER audit_head_no_delete ON audit_head;
      CREATE TRIGGER "sneaky""one" AFTER INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION sneaky_noop();
      CREATE TRIGGER sneaky_two AFTER INSERT ON audit_head FOR EACH ROW EXECUTE FUNCTION sneaky_noop();`,
    detail: problem(
      'removed: audit_head_no_delete; changed: audit_events_no_update, audit_events_no_delete; added: sneaky"one, sneaky_two',
    ),
    restored: [
      'audit_head_no_delete',
      'audit_events_no_update',
      'audit_events_no_delete',
      'sneaky"one',
      'sneaky_two',
    ],
  },
};

describe.each(ENGINES)('append-only protections on %s', (engine) => {
  const { sealedWorld } = worldsOn(engine);
  const names = LEDGER_TRIGGERS[engine];

  it('refuses to append on a database whose triggers were dropped, and restores them once the ledger verifies', async () => {
    const w = await sealedWorld();
    await intruder(w, 'dropped');
    await w.reopen();
    await expect(w.ledger.append(sampleEvent(11))).rejects.toThrow(
      `${problem(`removed: ${names.join(', ')}`)} Lanyard records nothing, and so changes nothing, until they are restored.`,
    );
    expect(await w.ledger.verify()).toMatchObject({ ok: false, count: N, protections: { ok: false } });
    expect(await w.ledger.protect('admin')).toEqual(names);
    await w.ledger.append(sampleEvent(12));
    expect(await w.ledger.verify()).toMatchObject({ ok: true, count: N + 2, seal: { status: 'sealed' } });
    const plain = await intruder(w, 'kept');
    expect(await refusal(plain.run('DELETE FROM audit_events WHERE seq = 1'))).toMatch(/append-only/);
  });

  it('notices a trigger replaced by a no-op of the same name, and an extra trigger', async () => {
    const w = await sealedWorld();
    await (await intruder(w, 'kept')).exec(SWAPPED[engine].sql);
    await w.reopen();
    expect((await w.ledger.verify()).protections.detail).toBe(SWAPPED[engine].detail);
  });

  it('does not restore the protections over a ledger that no longer verifies', async () => {
    const w = await sealedWorld();
    await (await intruder(w, 'dropped')).run("UPDATE audit_events SET actor = 'x' WHERE seq = 4");
    await w.reopen();
    await expect(w.ledger.protect('admin')).rejects.toThrow(
      /^The audit ledger does not verify \(event 4's contents/,
    );
  });

  it('an intact ledger needs no protecting, and protecting it records nothing', async () => {
    const w = await sealedWorld();
    expect(await w.ledger.protect('admin')).toEqual([]);
    expect((await w.ledger.verify()).count).toBe(N);
  });

  it('restores triggers dropped, changed and added (whatever their names) at once, and records it', async () => {
    const w = await sealedWorld();
    await (await intruder(w, 'kept')).exec(MANY[engine].sql);
    await w.reopen();
    const v = await w.ledger.verify();
    expect(v.protections.detail).toBe(MANY[engine].detail);
    const refused = (await w.ledger.append(sampleEvent(1)).catch((e: unknown) => e)) as LanyardError;
    expect([refused.code, refused.hint]).toEqual([
      'conflict',
      'Run `lanyard audit verify`; when it reports the ledger intact, `lanyard audit protect` restores them. Otherwise restore the data folder from a backup.',
    ]);
    expect(w.logged).toContain(`error: ${v.protections.detail}`);
    expect(await w.ledger.protect('admin')).toEqual(MANY[engine].restored);
    expect(await w.ledger.verify()).toMatchObject({ ok: true, protections: { ok: true, detail: null } });
    const recorded = (await w.ledger.list({ action: 'audit.protected' })).events;
    expect(recorded.map((e) => [e.actor, e.result])).toEqual([['admin', 'ok']]);
    const plain = await intruder(w, 'kept');
    expect(await refusal(plain.run("UPDATE audit_events SET actor = 'x' WHERE seq = 1"))).toMatch(
      /append-only/,
    );
  });

  it('a refusal to restore over a ledger that does not verify is a conflict that points to a backup', async () => {
    const w = await sealedWorld();
    await (await intruder(w, 'dropped')).run("UPDATE audit_events SET actor = 'x' WHERE seq = 4");
    await w.reopen();
    const refused = (await w.ledger.protect('admin').catch((e: unknown) => e)) as LanyardError;
    expect([refused.code, refused.hint]).toEqual([
      'conflict',
      'Restore the data folder from a backup taken before the change.',
    ]);
  });
});
