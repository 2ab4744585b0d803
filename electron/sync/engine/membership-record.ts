// Lanyard's own record of the group memberships it added, read from the journal: every done add-to-group and
// remove-from-group op of an app, replayed in the order they were done, with the member ids each one actually
// changed (its result's `changed`: remote ids, including accounts created earlier in the same run). The planner
// uses it only for groups whose members the app does not show (electron/sync/group-ops.ts): there, a membership
// in this record is one Lanyard added and may remove; one not in it is one Lanyard has not added yet.
import type { Store } from '../../store/store';
import { parsedObject as parsed } from './journal';
import type { MembershipRecord } from '../group-ops';

export const createMembershipRecords = (store: Store) => ({
  /** The memberships Lanyard added in the app and has not removed since (lowercased group id → remote ids). */
  async of(appId: string): Promise<MembershipRecord> {
    const rows = await store
      .q()
      .selectFrom('plan_ops')
      .select(['kind', 'payload', 'result'])
      .where('status', '=', 'done')
      .where('app_id', '=', appId)
      .where('kind', 'in', ['add-to-group', 'remove-from-group'])
      .orderBy('done_at')
      .orderBy('id')
      .execute();
    const record = new Map<string, Set<string>>();
    for (const r of rows) {
      const groupId = parsed(r.payload)?.groupId;
      const ids = parsed(r.result)?.changed;
      if (typeof groupId !== 'string' || !groupId || !Array.isArray(ids)) continue;
      const key = groupId.toLowerCase();
      let set = record.get(key);
      if (!set) record.set(key, (set = new Set()));
      for (const id of ids) {
        if (typeof id !== 'string') continue;
        if (r.kind === 'add-to-group') set.add(id);
        else set.delete(id);
      }
    }
    return record;
  },
});
