// Resolving secret references (`keychain:NAME`, `env:VAR`, `file:PATH`) to values — only ever inside the core.
// Every resolve reads the source again (keychain, environment, file), so a rotated secret counts from its next use;
// every value read is registered with the redacting logger, so it never reaches a log line or an error text.
import { LanyardError } from '../app/errors';
import { registerSecret } from '../log/logger';
import { readSecretFile } from './file-secret';
import type { SecretStore } from './secret-store';

export interface ParsedRef {
  source: 'keychain' | 'env' | 'file';
  /** The keychain entry, the variable, or the file's path as written. */
  name: string;
}

export const parseSecretRef = (ref: string): ParsedRef => {
  const m = /^(keychain|env|file):(.+)$/.exec(ref);
  if (!m) {
    throw new LanyardError('bad_input', `"${ref.slice(0, 12)}…" is not a secret reference`, {
      hint: 'Write keychain:NAME (a secret stored with `lanyard secrets set NAME`), env:VAR or file:/absolute/path.',
    });
  }
  return { source: m[1] as ParsedRef['source'], name: m[2]! };
};

export const createSecretResolver = (store: SecretStore, env: NodeJS.ProcessEnv = process.env) => {
  /** The value, or null when the keychain entry or variable is missing or empty. Files throw their own errors. */
  const read = async (ref: string, usedBy: string): Promise<string | null> => {
    const { source, name } = parseSecretRef(ref);
    if (source === 'file') return readSecretFile(name, env, { ref, usedBy });
    const value = source === 'env' ? env[name] : await store.get(name);
    return value == null || value === '' ? null : value;
  };

  return {
    /** Whether the reference currently has a usable value, without returning it. */
    async isSet(ref: string): Promise<boolean> {
      try {
        const value = await read(ref, 'the workspace');
        if (value !== null) registerSecret(value);
        return value !== null;
      } catch (err) {
        // A file that cannot be used is "not set"; its reason comes with the first use (test, pull, sync).
        if (err instanceof LanyardError && parseSecretRef(ref).source === 'file') return false;
        throw err;
      }
    },
    /** The secret's value, for connectors. Throws an actionable error when it is missing. */
    async resolve(ref: string, usedBy: string): Promise<string> {
      const value = await read(ref, usedBy);
      if (value === null) {
        const { source, name } = parseSecretRef(ref);
        throw new LanyardError('not_found', `The secret ${ref} used by ${usedBy} is not set.`, {
          hint:
            source === 'env'
              ? `Set the environment variable ${name} before starting Lanyard.`
              : `Store it with \`lanyard secrets set ${name}\` or in Settings → Secrets.`,
        });
      }
      registerSecret(value);
      return value;
    },
  };
};
export type SecretResolver = ReturnType<typeof createSecretResolver>;
