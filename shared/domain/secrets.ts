// Secret references and the write-only view of secrets. Values never cross into shared types.
import { z } from 'zod';

/** A keychain entry name: letters, digits, dot, dash, underscore; 1–64 chars. */
export const secretNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'use 1–64 letters, digits, ".", "-" or "_", starting with a letter or digit',
  );

/** The one variable a `file:` reference may name: systemd's folder of the service's credentials. */
export const CREDENTIALS_DIRECTORY_PREFIX = '${CREDENTIALS_DIRECTORY}/';

/**
 * `keychain:NAME`, `env:VAR` or `file:PATH` — never a literal secret. PATH is absolute (`/run/secrets/okta-token`,
 * `C:\secrets\okta-token`) or `${CREDENTIALS_DIRECTORY}/NAME` (a systemd credential); it may not hold control or
 * invisible characters (a path that looks like another one in a review).
 */
const SECRET_REF =
  /^(keychain:[A-Za-z0-9][A-Za-z0-9._-]{0,63}|env:[A-Za-z_][A-Za-z0-9_]{0,127}|file:(?:\/|[A-Za-z]:[\\/])[^\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]{1,4095}|file:\$\{CREDENTIALS_DIRECTORY\}\/[A-Za-z0-9_][A-Za-z0-9._@-]{0,254})$/;

/** Why a string is not a secret reference, in words that never quote it (it may be a pasted secret). */
const refProblem = (input: unknown): string => {
  const text = typeof input === 'string' ? input : '';
  if (!text.startsWith('file:'))
    return 'expected a secret reference "keychain:NAME", "env:VAR" or "file:/absolute/path", not a literal secret';
  const spec = text.slice('file:'.length);
  if (spec.startsWith('${'))
    return (
      'only ${CREDENTIALS_DIRECTORY} is expanded in a file: reference, as its first part followed by one file ' +
      'name: file:${CREDENTIALS_DIRECTORY}/NAME (letters, digits, ".", "-", "_", "@")'
    );
  if (!/^(?:\/|[A-Za-z]:[\\/])/.test(spec))
    return (
      'a file: reference needs an absolute path such as file:/run/secrets/okta-token: a relative path would ' +
      'depend on the folder Lanyard was started from, which differs between the desktop app, the CLI and a service'
    );
  return 'a file: path may not contain control or invisible characters and is at most 4096 characters long';
};

export const secretRefSchema = z.string().regex(SECRET_REF, { error: (issue) => refProblem(issue.input) });
export type SecretRef = z.infer<typeof secretRefSchema>;

export interface SecretStatus {
  /** The reference as written in the workspace: keychain:NAME, env:VAR or file:PATH. */
  ref: string;
  /** The keychain entry, the variable or the file's path (as written, before ${CREDENTIALS_DIRECTORY}). */
  name: string;
  source: 'keychain' | 'env' | 'file';
  set: boolean;
  /** Where the workspace uses it, e.g. "directory", "apps.slack". Empty when only stored. */
  usedBy: string[];
}
