// `lanyard server --database`: the forms accepted, the refusals (each naming the working forms, never a password),
// and the one place PostgreSQL is refused until the store runs on it.
import path from 'node:path';
import { tempDirForTest } from '../../helpers/temp-dir';
import { describe, expect, it } from 'vitest';
import { LanyardError } from '../../../electron/app/errors';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { describeTarget, openCoreFor, parseDatabaseUrl } from '../../../electron/server/database-url';

const PASSWORD = 'pa55-w0rd-secret';

const refusal = (text: string): LanyardError => {
  try {
    parseDatabaseUrl(text, '--database', '/srv');
  } catch (err) {
    expect(err).toBeInstanceOf(LanyardError);
    return err as LanyardError;
  }
  throw new Error(`"${text}" was accepted`);
};

describe('parseDatabaseUrl', () => {
  it('reads sqlite:PATH as a data folder, relative to the working folder', () => {
    expect(parseDatabaseUrl('sqlite:/var/lib/lanyard', '--database', '/srv')).toEqual({
      kind: 'sqlite',
      dataDir: path.resolve('/var/lib/lanyard'),
    });
    expect(parseDatabaseUrl('sqlite:data', '--database', '/srv')).toEqual({
      kind: 'sqlite',
      dataDir: path.resolve('/srv/data'),
    });
  });

  it('takes a socket URL with a user and no host (postgres://user@/db?host=/dir), as pg and libpq do', () => {
    const url = 'postgres://lanyard@/lanyard?host=%2Frun%2Fpostgresql';
    expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', url });
    expect(() => parseDatabaseUrl('postgres://lanyard@/lanyard')).toThrow(/names no host/);
  });

  it('keeps postgres:// and postgresql:// URLs as given, a Unix socket folder included', () => {
    for (const url of [
      `postgres://lanyard:${PASSWORD}@db.internal:5432/lanyard`,
      `postgresql://lanyard@db/lanyard?sslmode=require`,
      'postgres:///lanyard?host=/run/postgresql',
    ])
      expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', url });
  });

  it.each([
    ['', /is empty/],
    [' sqlite:/x', /space/],
    ['sqlite:', /names no folder/],
    ['sqlite:///var/lib/lanyard', /sqlite:\/\/ URL/],
    ['sqlite:/var/lib/lanyard/lanyard.db', /names the database file; .*sqlite:\/var\/lib\/lanyard/],
    ['postgres://db.internal:5432/', /names no database/],
    ['postgres:///lanyard', /names no host/],
    ['mysql://root:pw@db/lanyard', /scheme "mysql:"/],
    ['/var/lib/lanyard', /neither a sqlite: nor a postgres:\/\/ URL/],
  ])('refuses %j, saying why and which forms work', (text, why) => {
    const err = refusal(text);
    expect(err.code).toBe('bad_input');
    expect(err.message).toMatch(why);
    expect(err.hint).toContain('sqlite:/path/to/data-folder');
    expect(err.hint).toContain('postgres://');
  });

  it('never quotes a password in a refusal', () => {
    for (const text of [
      `postgres://lanyard:${PASSWORD}@db.internal:5432/`,
      `postgres://lanyard:${PASSWORD}@:5432/lanyard`,
      `mysql://lanyard:${PASSWORD}@db/lanyard`,
      `redis:${PASSWORD}`,
    ]) {
      const err = refusal(text);
      expect(`${err.message} ${err.hint ?? ''}`, text).not.toContain(PASSWORD);
    }
  });

  it('describes a target without its password', () => {
    const url = `postgres://lanyard:${PASSWORD}@db.internal:5432/lanyard`;
    expect(describeTarget({ kind: 'postgres', url })).toBe('postgres://lanyard:***@db.internal:5432/lanyard');
    expect(describeTarget({ kind: 'sqlite', dataDir: '/var/lib/lanyard' })).toBe('sqlite:/var/lib/lanyard');
  });
});

describe('openCoreFor', () => {
  it('fails to open a PostgreSQL core it cannot reach with a clear error, without the password', async () => {
    const sink = memorySink();
    let caught: unknown;
    try {
      await openCoreFor(
        { kind: 'postgres', url: `postgres://lanyard:${PASSWORD}@127.0.0.1:1/lanyard` },
        { log: createLogger(sink), env: { LANYARD_DATA_DIR: tempDirForTest('core-for') }, source: 'default' },
      );
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LanyardError);
    const err = caught as LanyardError;
    expect(err.message).toContain(
      'Cannot reach the PostgreSQL database at postgres://lanyard:***@127.0.0.1:1/lanyard',
    );
    expect(`${err.message} ${err.hint ?? ''} ${sink.lines.join('\n')}`).not.toContain(PASSWORD);
  });
});
