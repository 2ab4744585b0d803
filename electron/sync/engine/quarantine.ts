// Per-app quarantine: an app whose ops keep failing is set aside (apps.health = 'quarantined' with a reason) so
// it stops eating requests and time while the other apps proceed. Its remaining ops are held with the reason;
// resuming the app clears the health and gives those ops back to the plan.
import type { Db } from '../../store/database';

export const QUARANTINE_PREFIX = 'held: app quarantined';

/** Consecutive failed ops after which an app is quarantined. */
export const DEFAULT_QUARANTINE_AFTER = 5;

export const createQuarantine = (db: Db, now: () => string) => {
  const health = db.prepare<[string], { health: string; health_detail: string | null }>(
    'SELECT health, health_detail FROM apps WHERE id = ?',
  );
  const setHealth = db.prepare<[string, string | null, string]>(
    'UPDATE apps SET health = ?, health_detail = ? WHERE id = ?',
  );
  const release = db.prepare<[string, string, string]>(
    `UPDATE plan_ops SET status = 'planned', held_reason = NULL, updated_at = ?
     WHERE app_id = ? AND status = 'held' AND held_reason LIKE ? || '%'`,
  );

  return {
    /** The reason, when the app is quarantined. */
    reason(appId: string): string | null {
      const r = health.get(appId);
      return r?.health === 'quarantined' ? (r.health_detail ?? 'quarantined') : null;
    },
    quarantine(appId: string, reason: string): void {
      setHealth.run('quarantined', reason, appId);
    },
    /** A read of the app failed (it sat the run out): degraded with the reason, unless it is quarantined. */
    degrade(appId: string, detail: string): boolean {
      const r = health.get(appId);
      if (!r || r.health === 'quarantined') return false;
      if (r.health === 'degraded' && r.health_detail === detail) return false;
      setHealth.run('degraded', detail, appId);
      return true;
    },
    /** The app was read completely again: a degraded health goes back to ok. */
    recover(appId: string): boolean {
      if (health.get(appId)?.health !== 'degraded') return false;
      setHealth.run('ok', null, appId);
      return true;
    },
    /** Clears the quarantine; returns how many ops it had held, now planned again. */
    resume(appId: string): number {
      return db.transaction(() => {
        setHealth.run('ok', null, appId);
        return release.run(now(), appId, QUARANTINE_PREFIX).changes;
      })();
    },
  };
};

export type Quarantine = ReturnType<typeof createQuarantine>;
