// app.info: version, data folder, schema version and a health summary of the core's own parts.
import { randomUUID } from 'node:crypto';
import type { AppInfo, HealthItem } from '../../../shared/api/contract';
import type { CoreContext } from '../context';

const KEYCHAIN_PROBE = '__lanyard_probe__';

export const createInfoService = (ctx: CoreContext) => {
  let keychainHealth: HealthItem | null = null;

  /** Writes and deletes a probe entry once: reading alone cannot tell "no keychain" from "not set" on Linux. */
  const probeKeychain = async (): Promise<HealthItem> => {
    if (keychainHealth?.status === 'ok') return keychainHealth;
    try {
      // A value no text contains: the keychain registers what it stores for redaction, and a plain word ("probe")
      // would then be masked in every answer that uses it.
      await ctx.secrets.set(KEYCHAIN_PROBE, `lanyard-keychain-check-${randomUUID()}`);
      await ctx.secrets.delete(KEYCHAIN_PROBE);
      keychainHealth = { component: 'keychain', status: 'ok', detail: ctx.secrets.description };
    } catch (err) {
      keychainHealth = { component: 'keychain', status: 'error', detail: (err as Error).message };
    }
    return keychainHealth;
  };

  return {
    async info(): Promise<AppInfo> {
      const health: HealthItem[] = [
        {
          component: 'store',
          status: 'ok',
          detail: `${ctx.store.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${ctx.dbPath}`,
        },
        await probeKeychain(),
        ctx.schedulerOwner()
          ? { component: 'scheduler', status: 'ok', detail: 'This process runs the scheduler' }
          : {
              component: 'scheduler',
              status: 'degraded',
              detail: 'Another Lanyard process on this data folder runs the scheduler',
            },
      ];
      return {
        name: 'Lanyard',
        version: ctx.version,
        dataDir: ctx.dataDir,
        dbPath: ctx.dbPath,
        schemaVersion: await ctx.store.schemaVersion(),
        schedulerOwner: ctx.schedulerOwner(),
        startedAt: ctx.startedAt.toISOString(),
        health,
      };
    },
  };
};
