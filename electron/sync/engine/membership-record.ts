// Lanyard's own record of the group memberships it added, read from the journal: every done add-to-group and
// remove-from-group op of an app, replayed in the order they were done, with the member ids each one actually
// changed (its result's `changed`: remote ids, including accounts created earlier in the same run). The planner
// uses it only for groups whose members the app does not show (electron/sync/group-ops.ts): there, a membership
// in this record is one Lanyard added and may remove; one not in it is one Lanyard has not added yet.
import type { Db } from '../../store/database';
import type { MembershipRecord } from '../group-ops';

interface Row {
  kind: 'add-to-group' | 'remove-from-group';
  group_id: string | null;
  changed: string | null;
}

export const createMembershipRecords = (db: Db) => {
  const done = db.prepare<[string], Row>(
    `SELECT kind, json_extract(payload, '$.groupId') AS group_id, json_extract(result, '$.changed') AS changed
       FROM plan_ops WHERE status = 'done' AND app_id = ? AND kind IN ('add-to-group', 'remove-from-group')
       ORDER BY done_at, id`,
  );
  return {
    /** The memberships Lanyard added in the app and has not removed since (lowercased group id → remote ids). */
    of(appId: string): MembershipRecord {
      const record = new Map<string, Set<string>>();
      for (const r of done.all(appId)) {
        if (!r.group_id || !r.changed) continue;
        const ids = JSON.parse(r.changed) as unknown;
        if (!Array.isArray(ids)) continue;
        const key = r.group_id.toLowerCase();
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
  };
};
