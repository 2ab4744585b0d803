// The settings of `lanyard server` and where each comes from: flag, then variable, then default; --database and
// --data-dir must not disagree.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LanyardError } from '../../../electron/app/errors';
import {
  databaseTarget,
  listenAddress,
  logFormatOf,
  parseShutdownTimeout,
} from '../../../electron/cli/commands/server';

const DATA = path.resolve('/srv/default-data');
const args = (values: Record<string, string>) => ({ values, dataDir: values['data-dir'] ?? DATA });

describe('databaseTarget', () => {
  it('prefers --database, then --data-dir, then LANYARD_DATABASE_URL, then the data folder main() chose', () => {
    const env = { LANYARD_DATABASE_URL: 'sqlite:/srv/from-env' };
    expect(databaseTarget(args({ database: 'sqlite:/srv/flag' }), env).target).toEqual({
      kind: 'sqlite',
      dataDir: path.resolve('/srv/flag'),
    });
    expect(databaseTarget(args({ 'data-dir': '/srv/dir' }), env)).toEqual({
      target: { kind: 'sqlite', dataDir: '/srv/dir' },
      source: '--data-dir',
    });
    expect(databaseTarget(args({}), env).target).toEqual({
      kind: 'sqlite',
      dataDir: path.resolve('/srv/from-env'),
    });
    expect(databaseTarget(args({}), { LANYARD_DATA_DIR: DATA })).toEqual({
      target: { kind: 'sqlite', dataDir: DATA },
      source: 'LANYARD_DATA_DIR',
    });
    expect(databaseTarget(args({}), {}).source).toBe('default');
  });

  it('accepts --database with --data-dir only when both name the same folder', () => {
    const dir = path.resolve('/srv/same');
    expect(databaseTarget(args({ database: `sqlite:${dir}`, 'data-dir': dir }), {}).target).toEqual({
      kind: 'sqlite',
      dataDir: dir,
    });
    for (const database of ['sqlite:/srv/other', 'postgres://db/lanyard'])
      expect(() => databaseTarget(args({ database, 'data-dir': dir }), {})).toThrow(
        /--database and --data-dir name different stores/,
      );
  });

  it('names the variable in the message when LANYARD_DATABASE_URL is wrong', () => {
    expect(() => databaseTarget(args({}), { LANYARD_DATABASE_URL: 'mongodb://x/y' })).toThrow(
      /^LANYARD_DATABASE_URL has the scheme "mongodb:"/,
    );
  });
});

describe('listenAddress', () => {
  it('prefers --listen, then LANYARD_LISTEN, then 127.0.0.1:8080', () => {
    const env = { LANYARD_LISTEN: '127.0.0.2:9000' };
    expect(listenAddress('[::1]:0', env, false)).toEqual({ host: '::1', port: 0 });
    expect(listenAddress(undefined, env, false)).toEqual({ host: '127.0.0.2', port: 9000 });
    expect(listenAddress(undefined, {}, false)).toEqual({ host: '127.0.0.1', port: 8080 });
  });

  it('refuses a non-loopback address without --allow-remote, and names the variable a bad value came from', () => {
    expect(() => listenAddress('0.0.0.0:8080', {}, false)).toThrow(LanyardError);
    expect(() => listenAddress('0.0.0.0:8080', {}, false)).toThrow(/--allow-remote/);
    expect(listenAddress('0.0.0.0:8080', {}, true)).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(() => listenAddress(undefined, { LANYARD_LISTEN: '8080' }, false)).toThrow(
      /^LANYARD_LISTEN "8080" has no port/,
    );
  });
});

describe('log format and shutdown bound', () => {
  it('takes --log-format, then LANYARD_LOG_FORMAT, default json; anything else is refused', () => {
    expect(logFormatOf('text', { LANYARD_LOG_FORMAT: 'json' })).toBe('text');
    expect(logFormatOf(undefined, { LANYARD_LOG_FORMAT: 'text' })).toBe('text');
    expect(logFormatOf(undefined, {})).toBe('json');
    expect(logFormatOf('yaml', {})).toBeNull();
    expect(logFormatOf(undefined, { LANYARD_LOG_FORMAT: 'JSON' })).toBeNull();
  });

  it('takes whole seconds from 1 to 3600, default 30', () => {
    expect(parseShutdownTimeout(undefined)).toBe(30);
    expect(parseShutdownTimeout('1')).toBe(1);
    expect(parseShutdownTimeout('3600')).toBe(3600);
    for (const bad of ['0', '3601', '1.5', '-1', '', '30s', ' 30'])
      expect(parseShutdownTimeout(bad), bad).toBeNull();
  });
});
