// A throwaway PostgreSQL server for tests: Debian's `postgresql` package (installed by .ci/run), a fresh cluster in
// a temporary folder (initdb), listening only on a Unix socket in that folder (no TCP port to collide on), fsync
// off, stopped and removed when the suite ends. PostgreSQL refuses to run as root, so as root the server runs as
// the package's `postgres` user (runuser); the tests connect as the cluster's superuser `lanyard_admin` over the
// socket with trust authentication, and create less privileged roles where a test needs one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** The folder holding the socket (pg's `host` for a Unix socket). */
  socketDir: string;
  /** Connection settings for a database as a user (default: the superuser on `postgres`). */
  config(database?: string, user?: string): pg.ClientConfig;
  /** A connection URL for the same (postgres://user@/db?host=SOCKETDIR). */
  url(database?: string, user?: string): string;
  /** Runs SQL as the superuser on `postgres` (CREATE DATABASE, roles). */
  admin(sql: string): Promise<void>;
  /** A new empty database with a unique name; returns its name. */
  createDatabase(label?: string): Promise<string>;
  stop(): void;
}

const SUPERUSER = 'lanyard_admin';

const binDir = (): string => {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length)
    throw new Error(
      'PostgreSQL is not installed: these tests need the Debian package `postgresql` (`.ci/run` installs it; ' +
        'or `sudo apt-get install postgresql`).',
    );
  return path.join(base, versions[0]!, 'bin');
};

export const startPostgres = (): TestPostgres => {
  const bin = binDir();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lanyard-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]): void => {
    const cmd = path.join(bin, tool);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
    else execFileSync(cmd, args, { stdio: 'pipe' });
  };
  if (asRoot) execFileSync('chown', ['postgres', root]);
  const data = path.join(root, 'data');
  let started = false;
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', SUPERUSER, '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(root, 'server.log'),
      '-w',
      '-o',
      `-k ${root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
    started = true;
  } catch (err) {
    const log = path.join(root, 'server.log');
    const detail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`could not start a test PostgreSQL: ${(err as Error).message}\n${detail}`);
  }

  const config = (database = 'postgres', user = SUPERUSER): pg.ClientConfig => ({
    host: root,
    user,
    database,
    connectionTimeoutMillis: 5_000,
  });
  let n = 0;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client(config());
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    socketDir: root,
    config,
    url: (database = 'postgres', user = SUPERUSER) =>
      `postgres://${user}@/${database}?host=${encodeURIComponent(root)}`,
    admin,
    async createDatabase(label = 'test') {
      const name = `${label.replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${++n}`;
      await admin(`CREATE DATABASE ${name}`);
      return name;
    },
    stop() {
      if (started) {
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
        } catch {
          // already gone
        }
        started = false;
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
};
