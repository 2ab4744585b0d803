// The first-run flow's backend (directory.save, setup.status). Saving the directory from the UI edits the same
// stored model as `config apply`: checked first, secrets to the keychain, then one transaction with its audit event.
// Secret values are only ever handed to the secrets service; responses, the store and the ledger see names.
import type { DirectoryConfig } from '../../shared/config/workspace';
import { directoryConfigSchema } from '../../shared/config/workspace';
import type {
  DirectorySaveResult,
  DirectorySecretField,
  SetupStatus,
  setupMethods,
} from '../../shared/api/methods-setup';
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import { LanyardError, formatPath } from '../app/errors';
import { createSecretsService } from '../app/services/secrets-service';
import { createDirectorySnapshotRepo } from '../store/directory-snapshot-repo';
import { insecureUrlReason } from '../http/url-policy';

export interface DirectorySecretInput {
  field: DirectorySecretField;
  name: string;
  value: string;
}

/** What the ledger records about the directory: where it is and how it signs in, never the references. */
const directorySummary = (d: DirectoryConfig) => ({
  kind: d.kind,
  name: d.name,
  ...('baseUrl' in d && d.baseUrl ? { baseUrl: d.baseUrl } : {}),
  ...(d.kind === 'entra' ? { tenantId: d.tenantId } : {}),
  ...(d.kind === 'google' ? { adminEmail: d.adminEmail } : {}),
  auth: d.auth.type,
});

/** Points each given secret's field at its keychain entry; a field this auth type does not have is refused. */
const withSecretRefs = (directory: DirectoryConfig, secrets: DirectorySecretInput[]): DirectoryConfig => {
  const auth: Record<string, unknown> = { ...directory.auth };
  secrets.forEach((s, i) => {
    if (!(s.field in auth)) {
      const fields = Object.keys(auth).filter((k) =>
        ['token', 'clientSecret', 'privateKey', 'key'].includes(k),
      );
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

export const createSetupService = (ctx: CoreContext) => {
  const log = ctx.log.child('setup');
  const secretsService = createSecretsService(ctx, () => ctx.repos.workspace.referencedSecrets());
  const snapshot = createDirectorySnapshotRepo(ctx.db);
  const countRules = ctx.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM rules');
  const finishedSync = ctx.db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM runs WHERE status IN ('ok', 'partial')",
  );

  return {
    async saveDirectory(
      input: { directory: DirectoryConfig; secrets?: DirectorySecretInput[] | undefined },
      actor: string,
    ): Promise<DirectorySaveResult> {
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
      // Everything is checked before the keychain or the store is touched: an invalid directory stores nothing.
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
      const directory = parsed.data;
      checkUrls(directory);
      for (const s of given) await secretsService.set(s.name, s.value, actor);

      const created = ctx.db.transaction(() => {
        const before = ctx.repos.workspace.getDirectory();
        ctx.repos.workspace.setDirectory(directory);
        ctx.audit.append({
          actor,
          action: 'directory.saved',
          before: before ? directorySummary(before) : null,
          after: { ...directorySummary(directory), keychainEntries: given.map((s) => s.name) },
          result: 'ok',
        });
        return before === null;
      })();
      log.info(created ? 'directory added' : 'directory updated', { kind: directory.kind, actor });
      ctx.events.emit('workspace.changed', { summary: `saved directory ${directory.name}` });
      const refs = new Set(given.map((s) => `keychain:${s.name}`));
      const secrets = (await secretsService.list()).filter((s) => refs.has(s.ref));
      return { directory, created, secrets };
    },

    status(): SetupStatus {
      const dir = ctx.repos.workspace.getDirectory();
      const read = dir ? snapshot.state() : null;
      const counts = read?.lastReadAt ? snapshot.counts() : null;
      return {
        directory: {
          configured: dir !== null,
          kind: dir?.kind ?? null,
          name: dir?.name ?? null,
          lastPull: read?.lastReadAt && counts ? { at: read.lastReadAt, ...counts } : null,
        },
        apps: ctx.repos.workspace.listApps().length,
        rules: countRules.get()?.n ?? 0,
        firstSyncDone: (finishedSync.get()?.n ?? 0) > 0,
      };
    },
  };
};

export const createSetupHandlers = (ctx: CoreContext): Pick<Handlers, keyof typeof setupMethods> => {
  const setup = createSetupService(ctx);
  return {
    'directory.save': (input, call) => setup.saveDirectory(input, call.actor),
    'setup.status': async () => setup.status(),
  };
};
