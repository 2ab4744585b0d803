// The store ledger as the team server runs it on PostgreSQL: connected as the app's role (pgAppGrants), not the
// owner. With the seal key, the role appends and moves the seal (column grants on audit_seal), verify says sealed;
// privileges refuse it every UPDATE and DELETE of recorded events and any rewrite of what the seal is bound to.
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAppGrants } from '../../electron/audit/pg-ledger';
import { sealKeysFromEnv } from '../../electron/audit/seal-key';
import { openStoreLedger } from '../../electron/audit/store-ledger';
import { createPgStore, openPgStore } from '../../electron/store/pg/pg-store';
import { createPgPool } from '../../electron/store/pg/pool';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDirForTest } from '../helpers/temp-dir';
import { sampleEvent, steppingClock } from '../unit/audit/harness';

let server: TestPostgres;
beforeAll(() => {
  server = startPostgres();
});
afterAll(() => server?.stop());

const refusal = async (client: pg.Client, sql: string): Promise<string> =>
  client.query(sql).then(
    () => 'accepted',
    (err: Error) => err.message,
  );

describe("the store ledger as the app's role on PostgreSQL", () => {
  it('appends and seals through the store ledger; an UPDATE or DELETE of audit_events by the role is refused by privileges', async () => {
    const db = await server.createDatabase('ledger_app');
    const keyFile = path.join(tempDirForTest('seal-key'), 'seal.key');
    const keys = sealKeysFromEnv({ LANYARD_AUDIT_SEAL_KEY: `file:${keyFile}` });
    // The owner creates the schema and begins sealing (first start); then grants the app's role its rights.
    const ownerStore = await openPgStore(server.url(db), { max: 2 });
    const role = `app_${db}`;
    const appPool = createPgPool(server.url(db, role), { max: 2 });
    const app = new pg.Client(server.config(db, role));
    try {
      const owned = await openStoreLedger(ownerStore, steppingClock(), { keys });
      for (let i = 1; i <= 3; i++) await owned.append(sampleEvent(i));
      await server.admin(`CREATE ROLE ${role} LOGIN`);
      await ownerStore.pool.query(pgAppGrants(role));

      const asApp = await openStoreLedger(createPgStore(appPool), steppingClock('2026-12-01T00:00:00Z'), {
        keys,
      });
      expect((await asApp.append(sampleEvent(4))).seq).toBe(4);
      expect(await asApp.verify()).toMatchObject({
        ok: true,
        count: 4,
        protections: { ok: true },
        seal: { status: 'sealed', sealedSeq: 4 },
      });

      await app.connect();
      const denied = /^permission denied for table audit_(events|seal)$/;
      for (const sql of [
        "UPDATE audit_events SET result = 'forged' WHERE seq = 1",
        'UPDATE audit_events SET seq = seq + 10',
        'DELETE FROM audit_events WHERE seq = 4',
        'DELETE FROM audit_events',
        "UPDATE audit_seal SET ledger_id = 'f' WHERE id = 1",
      ])
        expect(await refusal(app, sql), sql).toMatch(denied);
      // Nothing was changed: the owner's view verifies, sealed, with the app's event in it.
      expect(await owned.verify()).toMatchObject({ ok: true, count: 4, seal: { status: 'sealed' } });
    } finally {
      await app.end().catch(() => undefined);
      await appPool.end();
      await ownerStore.close();
    }
  });
});
