// Safe start: a workspace whose plan has never been reviewed applies nothing. The scheduler reads and plans (so
// the Overview and the tray can show what would happen), and applying begins when an admin applies a plan (the
// Sync page's Apply, `lanyard sync`) or sets `schedule.paused: false` explicitly in the workspace file. The moment
// is kept in the settings table (key `first-review`) and audited by the caller.
import type { Db } from '../../store/database';
import type { ApplyingState } from '../../../shared/api/methods-sync';

const KEY = 'first-review';

export interface FirstReview {
  at: string;
  by: string;
}

export const createSafeStart = (db: Db) => {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING',
  );
  return {
    /** When (and by whom) the first plan was reviewed; null while applying waits for it. */
    reviewed(): FirstReview | null {
      const r = read.get(KEY);
      return r ? (JSON.parse(r.value) as FirstReview) : null;
    },
    /** Records the first review (later calls keep the first one). Returns true when this call recorded it. */
    markReviewed(at: string, by: string): boolean {
      return write.run(KEY, JSON.stringify({ at, by })).changes > 0;
    },
    state(paused: boolean): ApplyingState {
      if (paused) return 'paused';
      return read.get(KEY) ? 'on' : 'awaiting-first-review';
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
