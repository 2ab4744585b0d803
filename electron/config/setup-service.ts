// The first-run flow's and Settings → Directory's backend (directory.save, setup.status). Saving the directory
// from the UI tests the connection first, with the secrets typed with it held in memory: when the test fails nothing
// is stored — the saved connection and the keychain keep what worked (so the scheduler keeps polling with it) —
// unless the admin explicitly saves anyway. A save then edits the same stored model as `config apply`: secrets to
// the keychain through the secrets service (audited by name), then one transaction with its audit event.
// Secret values are only ever handed to the secrets service and the test; responses, the store and the ledger see
// names.
import { isDeepStrictEqual } from 'node:util';
import type { DirectoryConfig } from '../../shared/config/workspace';
import type { DirectorySaveResult, SetupStatus, setupMethods } from '../../shared/api/methods-setup';
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import { createSecretsService } from '../app/services/secrets-service';
import { createDirectoryService } from '../directory/directory-service';
import { readDirectoryDraft, requireDraftSecrets, type DirectorySecretInput } from '../directory/draft';
import { createDirectorySnapshotRepo } from '../store/directory-snapshot-repo';

/** What the ledger records about the directory: where it is and how it signs in, never the references. */
const directorySummary = (d: DirectoryConfig) => ({
  kind: d.kind,
  name: d.name,
  ...('baseUrl' in d && d.baseUrl ? { baseUrl: d.baseUrl } : {}),
  ...(d.kind === 'entra' ? { tenantId: d.tenantId } : {}),
  ...(d.kind === 'google' ? { adminEmail: d.adminEmail } : {}),
  auth: d.auth.type,
});

export const createSetupService = (ctx: CoreContext) => {
  const log = ctx.log.child('setup');
  const secretsService = createSecretsService(ctx, () => ctx.repos.workspace.referencedSecrets());
  const directoryService = createDirectoryService(ctx);
  const snapshot = createDirectorySnapshotRepo(ctx.store);
  const countRules = async (): Promise<number> =>
    Number(
      (
        await ctx.store
          .q()
          .selectFrom('rules')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const finishedSyncs = async (): Promise<number> =>
    Number(
      (
        await ctx.store
          .q()
          .selectFrom('runs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', 'in', ['ok', 'partial'])
          .executeTakeFirst()
      )?.n ?? 0,
    );

  return {
    async saveDirectory(
      input: {
        directory: DirectoryConfig;
        secrets?: DirectorySecretInput[] | undefined;
        saveAnyway?: boolean | undefined;
      },
      actor: string,
    ): Promise<DirectorySaveResult> {
      // Everything is checked before the keychain, the store or the network is touched.
      const draft = readDirectoryDraft(input);
      const { directory, secrets: given, overrides } = draft;
      if (!input.saveAnyway) await requireDraftSecrets(draft, (ref) => ctx.resolver.isSet(ref));
      const test = input.saveAnyway ? null : await directoryService.check(directory, overrides);
      if (test && !test.ok) {
        log.info('directory not saved: its test failed', { kind: directory.kind, actor });
        return { saved: false, test };
      }
      for (const s of given) await secretsService.set(s.name, s.value, actor);

      const { created, changed } = await ctx.store.tx(async () => {
        const before = await ctx.repos.workspace.getDirectory();
        // Rotating the credential alone changes nothing here: the secrets service audited it (by name).
        if (before && isDeepStrictEqual(before, directory)) return { created: false, changed: false };
        await ctx.repos.workspace.setDirectory(directory);
        await ctx.audit.append({
          actor,
          action: 'directory.saved',
          before: before ? directorySummary(before) : null,
          after: {
            ...directorySummary(directory),
            keychainEntries: given.map((s) => s.name),
            ...(test ? {} : { savedWithoutPassingTest: true }),
          },
          result: 'ok',
        });
        return { created: before === null, changed: true };
      });
      if (changed) {
        log.info(created ? 'directory added' : 'directory updated', { kind: directory.kind, actor });
        ctx.events.emit('workspace.changed', { summary: `saved directory ${directory.name}` });
      }
      const refs = new Set(given.map((s) => `keychain:${s.name}`));
      const secrets = (await secretsService.list()).filter((s) => refs.has(s.ref));
      return { saved: true, directory, created, secrets, test };
    },

    async status(): Promise<SetupStatus> {
      const dir = await ctx.repos.workspace.getDirectory();
      const read = dir ? await snapshot.state() : null;
      const counts = read?.lastReadAt ? await snapshot.counts() : null;
      return {
        directory: {
          configured: dir !== null,
          kind: dir?.kind ?? null,
          name: dir?.name ?? null,
          lastPull: read?.lastReadAt && counts ? { at: read.lastReadAt, ...counts } : null,
        },
        apps: (await ctx.repos.workspace.listApps()).length,
        rules: await countRules(),
        firstSyncDone: (await finishedSyncs()) > 0,
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
