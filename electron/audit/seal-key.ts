// Where the ledger's seal key lives — never in the database file it seals.
// - Desktop (default): the OS keychain, one random 256-bit key per ledger ("audit-seal-key/LEDGER_ID"), created
//   the first time Lanyard opens that ledger with the keychain available.
// - Server: LANYARD_AUDIT_SEAL_KEY=file:/path (created with mode 0600 when missing) or env:VAR (a key you generate
//   and inject, e.g. `openssl rand -base64 32`).
// Reads are synchronous (the key is needed inside the append transaction, and it is read once at start-up).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Entry } from '@napi-rs/keyring';
import { LanyardError } from '../app/errors';
import { registerSecret } from '../log/logger';
import { ENTRY_OPTIONS, isNoEntry, KEYCHAIN_SERVICE, unavailable } from '../secrets/keychain';

export interface SealKeySource {
  /** For messages: "the OS keychain", "the file /etc/lanyard/seal.key", … */
  readonly description: string;
  /** This ledger's key, or null when none was ever created. Throws when the store cannot be read. */
  load(ledgerId: string): Buffer | null;
  /** Creates and stores a new key for this ledger. Only called when `load` returned null. */
  create(ledgerId: string): Buffer;
}

export const SEAL_KEY_ENV = 'LANYARD_AUDIT_SEAL_KEY';
const MIN_KEY_BYTES = 32;

const badKey = (where: string, detail: string): LanyardError =>
  new LanyardError('bad_input', `The audit seal key in ${where} ${detail}.`, {
    hint: 'Use at least 32 random bytes, written as base64 or hex (e.g. `openssl rand -base64 32`).',
  });

/** A key written as hex or base64/base64url, at least 32 bytes. */
export const parseSealKey = (text: string, where: string): Buffer => {
  const t = text.trim();
  const key = /^(?:[0-9a-f]{2})+$/i.test(t)
    ? Buffer.from(t, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(t)
      ? Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64')
      : null;
  if (!key) throw badKey(where, 'is neither hex nor base64');
  if (key.length < MIN_KEY_BYTES)
    throw badKey(where, `is ${key.length} bytes; it needs at least ${MIN_KEY_BYTES}`);
  registerSecret(t);
  return key;
};

const newKeyText = (): string => randomBytes(MIN_KEY_BYTES).toString('base64');

export const keychainSealKeys = (service: string = KEYCHAIN_SERVICE): SealKeySource => {
  const entry = (ledgerId: string) => new Entry(service, `audit-seal-key/${ledgerId}`, ENTRY_OPTIONS);
  return {
    description: 'the OS keychain',
    load(ledgerId) {
      let text: string | null;
      try {
        text = entry(ledgerId).getPassword();
      } catch (err) {
        if (isNoEntry(err)) return null;
        throw unavailable(err);
      }
      return text === null ? null : parseSealKey(text, 'the OS keychain');
    },
    create(ledgerId) {
      const text = newKeyText();
      try {
        entry(ledgerId).setPassword(text);
      } catch (err) {
        throw unavailable(err);
      }
      return parseSealKey(text, 'the OS keychain');
    },
  };
};

/**
 * A key other users may read lets them forge a sealed ledger, and one they may write lets them swap it: refused,
 * as ssh refuses an unprotected private key (group access stays allowed, e.g. a service's own group).
 */
const refuseShared = (file: string): void => {
  if (process.platform === 'win32') return;
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o006)
    throw new LanyardError(
      'bad_input',
      `The audit seal key file ${file} may be ${mode & 0o004 ? 'read' : 'written'} by other users (mode ${mode.toString(8).padStart(3, '0')}).`,
      { hint: `Run \`chmod 600 ${file}\` (or 640 for a service group), then start Lanyard again.` },
    );
};

const fileSealKeys = (file: string): SealKeySource => ({
  description: `the file ${file}`,
  load() {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new LanyardError(
        'bad_input',
        `Cannot read the audit seal key file ${file}: ${(err as Error).message}`,
        {
          hint: `Check ${SEAL_KEY_ENV} and the file's permissions.`,
        },
      );
    }
    refuseShared(file);
    return parseSealKey(text, `the file ${file}`);
  },
  create() {
    const text = newKeyText();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
    return parseSealKey(text, `the file ${file}`);
  },
});

const envSealKeys = (name: string, env: NodeJS.ProcessEnv): SealKeySource => ({
  description: `the environment variable ${name}`,
  load() {
    const text = env[name];
    return text ? parseSealKey(text, `the environment variable ${name}`) : null;
  },
  create() {
    throw new LanyardError(
      'bad_input',
      `The environment variable ${name} (named by ${SEAL_KEY_ENV}) is not set.`,
      {
        hint: `Set ${name} to a key of at least 32 random bytes (e.g. \`openssl rand -base64 32\`).`,
      },
    );
  },
});

/** LANYARD_AUDIT_SEAL_KEY when set (file:PATH or env:VAR), otherwise the OS keychain (LANYARD_KEYCHAIN_SERVICE's). */
export const sealKeysFromEnv = (env: NodeJS.ProcessEnv = process.env): SealKeySource => {
  const ref = env[SEAL_KEY_ENV];
  if (ref === undefined || ref === '')
    return keychainSealKeys(env.LANYARD_KEYCHAIN_SERVICE || KEYCHAIN_SERVICE);
  const m = /^(file|env):(.+)$/.exec(ref);
  if (!m)
    throw new LanyardError('bad_input', `${SEAL_KEY_ENV} must be file:/path/to/key or env:VARIABLE.`, {
      hint: 'Unset it to keep the key in the OS keychain.',
    });
  return m[1] === 'file' ? fileSealKeys(path.resolve(m[2]!)) : envSealKeys(m[2]!, env);
};
