// Per-app quarantine: an app whose ops keep failing is set aside (apps.health = 'quarantined' with a reason) so
// it stops eating requests and time while the other apps proceed. Its remaining ops are held with the reason;
// resuming the app clears the health and gives those ops back to the plan.
import { sql } from 'kysely';
import type { Store } from '../../store/store';

export const QUARANTINE_PREFIX = 'held: app quarantined';

/** Consecutive failed ops after which an app is quarantined. */
export const DEFAULT_QUARANTINE_AFTER = 5;

export const createQuarantine = (store: Store, now: () => string) => {
  const health = (appId: string) =>
    store
      .q()
      .selectFrom('apps')
      .select(['health', 'health_detail'])
      .where('id', '=', appId)
      .executeTakeFirst();
  const setHealth = async (appId: string, value: string, detail: string | null): Promise<void> => {
    await store
      .q()
      .updateTable('apps')
      .set({ health: value, health_detail: detail })
      .where('id', '=', appId)
      .execute();
  };

  return {
    /** The reason, when the app is quarantined. */
    async reason(appId: string): Promise<string | null> {
      const r = await health(appId);
      return r?.health === 'quarantined' ? (r.health_detail ?? 'quarantined') : null;
    },
    quarantine(appId: string, reason: string): Promise<void> {
      return setHealth(appId, 'quarantined', reason);
    },
    /** A read of the app failed (it sat the run out): degraded with the reason, unless it is quarantined. */
    async degrade(appId: string, detail: string): Promise<boolean> {
      const r = await health(appId);
      if (!r || r.health === 'quarantined') return false;
      if (r.health === 'degraded' && r.health_detail === detail) return false;
      await setHealth(appId, 'degraded', detail);
      return true;
    },
    /** The app was read completely again: a degraded health goes back to ok. */
    async recover(appId: string): Promise<boolean> {
      if ((await health(appId))?.health !== 'degraded') return false;
      await setHealth(appId, 'ok', null);
      return true;
    },
    /** Clears the quarantine; returns how many ops it had held, now planned again. */
    resume(appId: string): Promise<number> {
      return store.tx(async () => {
        await setHealth(appId, 'ok', null);
        const r = await store
          .q()
          .updateTable('plan_ops')
          .set({ status: 'planned', held_reason: null, updated_at: now() })
          .where('app_id', '=', appId)
          .where('status', '=', 'held')
          // held_reason starts with the prefix (substr, not LIKE: LIKE's case rules differ between the engines)
          .where(sql`substr(held_reason, 1, ${sql.lit(QUARANTINE_PREFIX.length)})`, '=', QUARANTINE_PREFIX)
          .executeTakeFirst();
        return Number(r.numUpdatedRows);
      });
    },
  };
};

export type Quarantine = ReturnType<typeof createQuarantine>;
