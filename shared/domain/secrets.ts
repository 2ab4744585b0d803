// Secret references and the write-only view of secrets. Values never cross into shared types.
import { z } from 'zod';

/** A keychain entry name: letters, digits, dot, dash, underscore; 1–64 chars. */
export const secretNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'use 1–64 letters, digits, ".", "-" or "_", starting with a letter or digit',
  );

/** `keychain:NAME` or `env:VAR` — never a literal secret. */
export const secretRefSchema = z
  .string()
  .regex(
    /^(keychain:[A-Za-z0-9][A-Za-z0-9._-]{0,63}|env:[A-Za-z_][A-Za-z0-9_]{0,127})$/,
    'expected a secret reference "keychain:NAME" or "env:VAR", not a literal secret',
  );
export type SecretRef = z.infer<typeof secretRefSchema>;

export interface SecretStatus {
  /** The reference as written in the workspace: keychain:NAME or env:VAR. */
  ref: string;
  name: string;
  source: 'keychain' | 'env';
  set: boolean;
  /** Where the workspace uses it, e.g. "directory", "apps.slack". Empty when only stored. */
  usedBy: string[];
}
