// The two ends of `lanyard store copy`: `sqlite:PATH` (a Lanyard data folder holding lanyard.db, or a database file)
// or a `postgres://` / `postgresql://` URL. Parsed before anything is opened; messages never carry a password.
import fs from 'node:fs';
import path from 'node:path';
import { LanyardError } from '../../app/errors';
import { DB_FILE } from '../database';
import { redactPgUrl } from '../pg/pool';

export type Endpoint = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export type EndpointRole = 'source' | 'target';

const FORMS = 'sqlite:PATH (a Lanyard data folder or its lanyard.db) or a postgres://user@host/database URL';

/** The URL with its password replaced by ***, also for URLs WHATWG's parser refuses (postgres://u:p@/db?host=…). */
export const safeUrl = (url: string): string => {
  const redacted = redactPgUrl(url);
  if (redacted !== 'postgres://…') return redacted;
  return url.replace(/^([a-z]+:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
};

/** The password in a URL (raw and decoded), so an error message that quotes it can be cleaned. */
export const passwordOf = (url: string): string[] => {
  const m = /^[a-z]+:\/\/[^:@/]*:([^@/]*)@/i.exec(url);
  if (!m?.[1]) return [];
  let decoded = m[1];
  try {
    decoded = decodeURIComponent(m[1]);
  } catch {
    // keep the raw form only
  }
  return [...new Set([m[1], decoded])];
};

/** `text` with every occurrence of the URL's password replaced. */
export const scrub = (text: string, url: string): string =>
  passwordOf(url).reduce((t, p) => t.split(p).join('***'), text);

const isDir = (p: string): boolean => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

const sqliteFile = (raw: string, role: EndpointRole, flag: string): string => {
  if (!raw)
    throw new LanyardError('bad_input', `${flag} sqlite: needs a path, e.g. sqlite:~/.config/Lanyard`);
  const p = path.resolve(raw.startsWith('~/') ? path.join(process.env.HOME ?? '~', raw.slice(2)) : raw);
  if (isDir(p)) return path.join(p, DB_FILE);
  if (fs.existsSync(p)) return p;
  if (role === 'source')
    throw new LanyardError('bad_input', `There is no Lanyard database at ${p} (${flag}).`, {
      hint: `Give the data folder that holds ${DB_FILE}, or the database file itself.`,
    });
  // A target that does not exist yet: a file when it is named like one, otherwise a new data folder.
  return /\.(db|sqlite3?)$/i.test(p) ? p : path.join(p, DB_FILE);
};

export const parseEndpoint = (spec: string, role: EndpointRole): Endpoint => {
  const flag = role === 'source' ? '--from' : '--to';
  if (spec.startsWith('sqlite:'))
    return { engine: 'sqlite', file: sqliteFile(spec.slice('sqlite:'.length), role, flag) };
  if (/^postgres(ql)?:\/\//i.test(spec)) return { engine: 'postgres', url: spec };
  const shown = /^[a-z]+:\/\//i.test(spec) ? safeUrl(spec) : spec;
  throw new LanyardError('bad_input', `${flag} ${shown} is not a store Lanyard can copy: give ${FORMS}.`);
};

export const describeEndpoint = (e: Endpoint): string =>
  e.engine === 'sqlite' ? `sqlite:${e.file}` : safeUrl(e.url);
