// A directory connection as the UI sends it (directory.check, directory.save): the config plus the secrets typed
// with it. Checked completely before anything is tested or stored — each secret's field must exist for this IdP
// and auth type, the whole config must pass the workspace schema with the secrets as `keychain:NAME` references,
// and every URL must be one credentials may be sent to. The secret values stay in memory here: `overrides` lets a
// test use them without the keychain ever seeing them.
import type { DirectoryConfig } from '../../shared/config/workspace';
import { directoryConfigSchema } from '../../shared/config/workspace';
import type { DirectorySecretField } from '../../shared/api/methods-directory';
import { LanyardError, formatPath } from '../app/errors';
import { insecureUrlReason } from '../http/url-policy';

export interface DirectorySecretInput {
  field: DirectorySecretField;
  name: string;
  value: string;
}

export interface DirectoryDraft {
  /** The connection with each given secret's field pointing at `keychain:NAME`. */
  directory: DirectoryConfig;
  secrets: DirectorySecretInput[];
  /** `keychain:NAME` → the value typed with the draft (used by a test in place of the keychain). */
  overrides: Map<string, string>;
}

const SECRET_FIELDS = ['token', 'clientSecret', 'privateKey', 'key'];

/** Points each given secret's field at its keychain entry; a field this auth type does not have is refused. */
const withSecretRefs = (directory: DirectoryConfig, secrets: DirectorySecretInput[]): DirectoryConfig => {
  const auth: Record<string, unknown> = { ...directory.auth };
  secrets.forEach((s, i) => {
    if (!(s.field in auth)) {
      const fields = Object.keys(auth).filter((k) => SECRET_FIELDS.includes(k));
      throw new LanyardError(
        'bad_input',
        `secrets[${i}].field: ${directory.kind} with ${directory.auth.type} has no "${s.field}"`,
        { path: `secrets[${i}].field`, hint: `Its secret field is ${fields.join(' or ') || 'none'}.` },
      );
    }
    auth[s.field] = `keychain:${s.name}`;
  });
  return { ...directory, auth } as DirectoryConfig;
};

const checkUrls = (d: DirectoryConfig): void => {
  for (const key of ['baseUrl', 'loginUrl', 'tokenUrl', 'audience'] as const) {
    const value = (d as Partial<Record<typeof key, string>>)[key];
    if (!value) continue;
    const reason = insecureUrlReason(new URL(value));
    if (reason)
      throw new LanyardError('bad_input', `directory.${key}: ${reason}`, { path: `directory.${key}` });
  }
};

/** Checks a draft connection; throws bad_input naming the field, before any keychain, store or network use. */
export const readDirectoryDraft = (input: {
  directory: DirectoryConfig;
  secrets?: DirectorySecretInput[] | undefined;
}): DirectoryDraft => {
  const given = input.secrets ?? [];
  const seen = new Set<string>();
  given.forEach((s, i) => {
    if (seen.has(s.field)) {
      throw new LanyardError('bad_input', `secrets[${i}].field: "${s.field}" is given twice`, {
        path: `secrets[${i}].field`,
      });
    }
    seen.add(s.field);
  });
  const parsed = directoryConfigSchema.safeParse(withSecretRefs(input.directory, given));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: formatPath(['directory', ...i.path]),
      message: i.message,
    }));
    throw new LanyardError('bad_input', `${issues[0]!.path}: ${issues[0]!.message}`, {
      path: issues[0]!.path,
      issues,
    });
  }
  checkUrls(parsed.data);
  return {
    directory: parsed.data,
    secrets: given,
    overrides: new Map(given.map((s) => [`keychain:${s.name}`, s.value])),
  };
};

/**
 * A credential the draft neither gives nor finds stored is reported on the credential field (before any test),
 * in the words of the form the admin is filling in.
 */
export const requireDraftSecrets = async (
  draft: DirectoryDraft,
  isSet: (ref: string) => Promise<boolean>,
): Promise<void> => {
  const auth = draft.directory.auth as Record<string, unknown>;
  for (const field of SECRET_FIELDS) {
    const ref = auth[field];
    if (typeof ref !== 'string' || draft.overrides.has(ref) || (await isSet(ref))) continue;
    const [source, name] = ref.split(':', 2) as [string, string];
    const message =
      source === 'env'
        ? `The environment variable ${name} is not set for Lanyard: paste the credential instead.`
        : `Nothing is stored under ${name} yet: paste the credential.`;
    const path = 'secrets[0].value';
    throw new LanyardError('bad_input', `${path}: ${message}`, { path, issues: [{ path, message }] });
  }
};
