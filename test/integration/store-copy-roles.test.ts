// `lanyard store copy` with PostgreSQL roles set up as docs/team-server.md recommends (tables owned by a NOLOGIN
// lanyard_owner, the app connecting as lanyard_app): writing needs the owner, reached by a member through
// `options=-c role=…`; the app's role is refused in words that say which role to use; reading a server needs
// nothing beyond SELECT, since a copy only reads its source.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { copyStore } from '../../electron/store/copy/copy';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { connectPg, dbFile, dumpTables, ledgerOnlyWorkspace } from './store-copy-kit';

let server: TestPostgres;
let root: string;
let source: string;
let admin: pg.Client;
const DB = 'lanyard';

const url = (user: string, role?: string): string =>
  server.url(DB, user) + (role ? `&options=${encodeURIComponent(`-c role=${role}`)}` : '');

beforeAll(async () => {
  server = startPostgres();
  root = makeTempDir('store-copy-roles');
  source = ledgerOnlyWorkspace(path.join(root, 'desktop'), 12);
  await server.admin(
    'CREATE ROLE lanyard_owner NOLOGIN; CREATE ROLE lanyard_app LOGIN; CREATE ROLE alice LOGIN IN ROLE lanyard_owner',
  );
  await server.admin(`CREATE DATABASE ${DB} OWNER lanyard_owner`);
  admin = await connectPg(server.config(DB));
});
afterAll(async () => {
  await admin?.end();
  server?.stop();
  if (root) removeDir(root);
});

describe('store copy and PostgreSQL roles', { timeout: 60_000 }, () => {
  it("refuses the app's role as a writer, saying which role to use, and creates nothing", async () => {
    const err = await copyStore(`sqlite:${source}`, url('lanyard_app')).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/failed: permission denied for schema public\. Nothing was copied\.$/),
      hint: expect.stringMatching(/write the target as the role that owns them/),
    });
    expect((await admin.query("SELECT to_regclass('lanyard_schema') AS t")).rows).toEqual([{ t: null }]);
  });

  it('writes as the owner through a member login with options=-c role=…, the tables owned by that role', async () => {
    const r = await copyStore(`sqlite:${source}`, url('alice', 'lanyard_owner'));
    expect(r.ledger.events).toBe(12);
    const owners = await admin.query<{ owner: string }>(
      "SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(owners.rows).toEqual([{ owner: 'lanyard_owner' }]);
  });

  it('reads a server as a role with SELECT only, and nothing more', async () => {
    const denied = await copyStore(url('lanyard_app'), `sqlite:${path.join(root, 'denied')}`).catch(
      (e: unknown) => e,
    );
    expect(denied).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/permission denied/) });
    await admin.query(
      'SET ROLE lanyard_owner; GRANT SELECT ON ALL TABLES IN SCHEMA public TO lanyard_app; RESET ROLE',
    );
    const backup = path.join(root, 'backup');
    await copyStore(url('lanyard_app'), `sqlite:${backup}`);
    expect(dumpTables(dbFile(backup))).toEqual(dumpTables(dbFile(source)));
  });
});
