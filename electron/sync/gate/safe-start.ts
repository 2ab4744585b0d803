// Safe start: a workspace whose plan has never been reviewed applies nothing. The scheduler reads and plans (so
// the Overview and the tray can show what would happen), and applying begins when an admin applies a plan (the
// Sync page's Apply, `lanyard sync`) or sets `schedule.paused: false` explicitly in the workspace file. The moment
// is kept in the settings table (key `first-review`) and audited by the caller.
import type { Store } from '../../store/store';
import type { ApplyingState } from '../../../shared/api/methods-sync';

const KEY = 'first-review';

export interface FirstReview {
  at: string;
  by: string;
}

export const createSafeStart = (store: Store) => {
  const read = () =>
    store.q().selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return {
    /** When (and by whom) the first plan was reviewed; null while applying waits for it. */
    async reviewed(): Promise<FirstReview | null> {
      const r = await read();
      return r ? (JSON.parse(r.value) as FirstReview) : null;
    },
    /** Records the first review (later calls keep the first one). Returns true when this call recorded it. */
    async markReviewed(at: string, by: string): Promise<boolean> {
      const r = await store
        .q()
        .insertInto('settings')
        .values({ key: KEY, value: JSON.stringify({ at, by }) })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async state(paused: boolean): Promise<ApplyingState> {
      if (paused) return 'paused';
      return (await read()) ? 'on' : 'awaiting-first-review';
    },
  };
};

export type SafeStart = ReturnType<typeof createSafeStart>;

export const applyingDetail = (state: ApplyingState): string | null =>
  state === 'awaiting-first-review'
    ? 'Review the first plan to start: Lanyard reads and plans on schedule but changes nothing in any app until you apply a plan on the Sync page (or run `lanyard sync`).'
    : state === 'paused'
      ? 'Syncing is paused: nothing is read or applied on schedule until you resume it.'
      : null;
