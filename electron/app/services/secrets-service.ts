// secrets.list / set / delete: write-only. Values go to the keychain; only names and "set / not set" come back.
import type { SecretStatus } from '../../../shared/domain/secrets';
import { iso } from '../clock';
import type { CoreContext } from '../context';
import { parseSecretRef } from '../../secrets/references';

/** Secret references the workspace uses, by where they are used. Filled in as connectors land. */
export type ReferencedSecrets = () => Promise<{ ref: string; usedBy: string }[]>;

export const createSecretsService = (ctx: CoreContext, referenced: ReferencedSecrets) => {
  const status = async (ref: string, usedBy: string[]): Promise<SecretStatus> => {
    const { source, name } = parseSecretRef(ref);
    return { ref, name, source, set: await ctx.resolver.isSet(ref), usedBy };
  };

  return {
    async list(): Promise<SecretStatus[]> {
      const byRef = new Map<string, string[]>();
      for (const name of await ctx.repos.secretNames.names()) byRef.set(`keychain:${name}`, []);
      for (const { ref, usedBy } of await referenced()) byRef.set(ref, [...(byRef.get(ref) ?? []), usedBy]);
      const out: SecretStatus[] = [];
      for (const [ref, usedBy] of [...byRef].sort(([a], [b]) => a.localeCompare(b)))
        out.push(await status(ref, usedBy));
      return out;
    },
    async set(name: string, value: string, actor: string): Promise<SecretStatus> {
      await ctx.secrets.set(name, value);
      await ctx.store.tx(async () => {
        await ctx.repos.secretNames.touch(name, iso(ctx.clock));
        // The ledger records that the secret changed and who changed it: its name, never its value.
        await ctx.audit.append({ actor, action: 'secret.set', after: { name }, result: 'ok' });
      });
      ctx.log.info('secret stored in keychain', { name });
      ctx.events.emit('secrets.changed', { name, set: true });
      const ref = `keychain:${name}`;
      return status(
        ref,
        (await referenced()).filter((r) => r.ref === ref).map((r) => r.usedBy),
      );
    },
    async delete(name: string, actor: string): Promise<{ deleted: boolean }> {
      const deleted = await ctx.secrets.delete(name);
      await ctx.store.tx(async () => {
        await ctx.repos.secretNames.remove(name);
        await ctx.audit.append({
          actor,
          action: 'secret.deleted',
          before: { name },
          result: deleted ? 'ok' : 'ok: was not set',
        });
      });
      ctx.log.info('secret removed from keychain', { name, existed: deleted });
      ctx.events.emit('secrets.changed', { name, set: false });
      return { deleted };
    },
  };
};
