// The capabilities a probe found for an app, in apps.capabilities (JSON), so later sessions use them
// (e.g. PUT-only, no filter → list-and-match) without asking again.
import type { AppCapabilities } from '../../shared/api/methods-apps';
import type { Db } from '../store/database';

export interface StoredCapabilities extends AppCapabilities {
  probedAt: string;
  /** Whether write round trips were part of the probe (otherwise update/delete behaviour is the preset's). */
  writeTested: boolean;
}

export const createCapabilitiesRepo = (db: Db) => {
  const get = db.prepare<[string], { capabilities: string | null }>(
    'SELECT capabilities FROM apps WHERE id = ?',
  );
  const set = db.prepare<[string, string]>('UPDATE apps SET capabilities = ? WHERE id = ?');
  return {
    get(appId: string): StoredCapabilities | null {
      const row = get.get(appId);
      if (!row?.capabilities) return null;
      try {
        return JSON.parse(row.capabilities) as StoredCapabilities;
      } catch {
        return null;
      }
    },
    set(appId: string, caps: StoredCapabilities): void {
      set.run(JSON.stringify(caps), appId);
    },
  };
};
export type CapabilitiesRepo = ReturnType<typeof createCapabilitiesRepo>;
