// What the sync planner must know about offboarding: a person with an open or closed case (not cancelled) who has
// not been rehired since is OUT of scope, with the status and status time the case was opened on. Two reasons:
// - a manual offboard of someone the IdP still shows active must not be undone by the next sync (which would
//   otherwise reactivate or re-invite them);
// - the planner then builds the very same deprovision ops (same idempotency keys) as the case, even after the IdP
//   kill switch changed the person's status time: one op per account, never a second one in the review queue.
// Used by electron/sync/engine/plan-input.ts when it builds the plan input.
import { sql } from 'kysely';
import type { Store } from '../store/store';
import type { SyncPerson } from '../sync/types';
import { isRehired } from './detect-leavers';

interface HoldRow {
  person_id: string;
  trigger: 'directory' | 'manual';
  opened_at: string;
  key_status: string;
  key_changed_at: string | null;
}

export const withOffboardingHolds = async (store: Store, people: SyncPerson[]): Promise<SyncPerson[]> => {
  const { rows } = await sql<HoldRow>`
    SELECT c.person_id, c.trigger, c.opened_at, c.key_status, c.key_changed_at FROM offboarding_cases c
     WHERE c.status IN ('open', 'closed')
       AND c.id = (SELECT max(id) FROM offboarding_cases WHERE person_id = c.person_id)`.execute(store.q());
  if (!rows.length) return people;
  const holds = new Map(rows.map((r) => [r.person_id, r]));
  return people.map((p) => {
    const h = holds.get(p.id);
    if (!h || isRehired(p, { trigger: h.trigger, openedAt: h.opened_at })) return p;
    if (p.status === h.key_status && p.statusChangedAt === h.key_changed_at) return p;
    return { ...p, status: h.key_status as SyncPerson['status'], statusChangedAt: h.key_changed_at };
  });
};
