// Resolving secret references (`keychain:NAME`, `env:VAR`) to values — only ever inside the core.
import { LanyardError } from '../app/errors';
import { registerSecret } from '../log/logger';
import type { SecretStore } from './secret-store';

export interface ParsedRef {
  source: 'keychain' | 'env';
  name: string;
}

export const parseSecretRef = (ref: string): ParsedRef => {
  const m = /^(keychain|env):(.+)$/.exec(ref);
  if (!m) {
    throw new LanyardError('bad_input', `"${ref.slice(0, 12)}…" is not a secret reference`, {
      hint: 'Write keychain:NAME (a secret stored with `lanyard secrets set NAME`) or env:VAR.',
    });
  }
  return { source: m[1] as ParsedRef['source'], name: m[2]! };
};

export const createSecretResolver = (store: SecretStore, env: NodeJS.ProcessEnv = process.env) => ({
  /** Whether the reference currently has a value, without returning it. */
  async isSet(ref: string): Promise<boolean> {
    const { source, name } = parseSecretRef(ref);
    if (source === 'env') return typeof env[name] === 'string' && env[name] !== '';
    return (await store.get(name)) !== null;
  },
  /** The secret's value, for connectors. Throws an actionable error when it is missing. */
  async resolve(ref: string, usedBy: string): Promise<string> {
    const { source, name } = parseSecretRef(ref);
    const value = source === 'env' ? env[name] : await store.get(name);
    if (value == null || value === '') {
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
});
export type SecretResolver = ReturnType<typeof createSecretResolver>;
