// The capabilities a probe found for an app, in apps.capabilities (JSON), so later sessions use them
// (e.g. PUT-only, no filter → list-and-match) without asking again.
import type { AppCapabilities } from '../../shared/api/methods-apps';
import type { Store } from '../store/store';

export interface StoredCapabilities extends AppCapabilities {
  probedAt: string;
  /** Whether write round trips were part of the probe (otherwise update/delete behaviour is the preset's). */
  writeTested: boolean;
}

export const createCapabilitiesRepo = (store: Store) => ({
  async get(appId: string): Promise<StoredCapabilities | null> {
    const row = await store
      .q()
      .selectFrom('apps')
      .select('capabilities')
      .where('id', '=', appId)
      .executeTakeFirst();
    if (!row?.capabilities) return null;
    try {
      return JSON.parse(row.capabilities) as StoredCapabilities;
    } catch {
      return null;
    }
  },
  async set(appId: string, caps: StoredCapabilities): Promise<void> {
    await store
      .q()
      .updateTable('apps')
      .set({ capabilities: JSON.stringify(caps) })
      .where('id', '=', appId)
      .execute();
  },
});
export type CapabilitiesRepo = ReturnType<typeof createCapabilitiesRepo>;
