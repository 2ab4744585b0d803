// What needs the admin about applying, in words (pure): whether runs apply their plans (on, paused, or waiting for
// the first reviewed plan), the held changes by reason, and quarantined apps. The Overview, the Sync page and the
// setup's last step say it the same way.
import type { HeldSummary, SchedulerStatus } from '../../../shared/api/methods-sync';
import { plural } from '../components/plural';

export const AWAITING_TITLE =
  'Lanyard is reading and planning but changes nothing until you review the first plan';

export interface ApplyingNotice {
  state: 'awaiting-first-review' | 'paused';
  title: string;
  detail: string;
}

/** The core's sentence without a lead-in that repeats the banner's title ("Syncing is paused: nothing …"). */
const withoutTitle = (detail: string, title: string): string => {
  if (!detail.toLowerCase().startsWith(title.toLowerCase())) return detail;
  const rest = detail.slice(title.length).replace(/^\s*[:.,—-]\s*/, '');
  return rest ? rest.charAt(0).toUpperCase() + rest.slice(1) : detail;
};

/** The banner for runs that apply nothing, or null when applying is on. */
export const applyingNotice = (
  s: Pick<SchedulerStatus, 'applying' | 'applyingDetail'>,
): ApplyingNotice | null => {
  if (s.applying === 'awaiting-first-review')
    return {
      state: 'awaiting-first-review',
      title: AWAITING_TITLE,
      detail:
        s.applyingDetail ??
        'Syncs read the directory and every app and plan what they would change, but send nothing. Review the plan on the Sync page and apply it to start applying changes.',
    };
  // Applying pauses with the schedule (Settings → Schedule, the Sync page's Pause, the tray).
  if (s.applying === 'paused')
    return {
      state: 'paused',
      title: 'Syncing is paused',
      detail: s.applyingDetail
        ? withoutTitle(s.applyingDetail, 'Syncing is paused')
        : 'Nothing is read or applied on schedule until you resume it; you can still sync by hand.',
    };
  return null;
};

/** "12 changes wait for your review". */
export const heldTitle = (held: HeldSummary): string =>
  `${plural(held.total, 'change waits', 'changes wait')} for your review`;

/** The most common held reasons, most first; the rest folded into one "other reasons" line. */
export const topHeldReasons = (held: HeldSummary, shown = 3): { reason: string; count: number }[] => {
  const reasons = [...held.reasons].sort((a, b) => b.count - a.count);
  const top = reasons.slice(0, shown);
  const rest = reasons.slice(shown).reduce((n, r) => n + r.count, 0);
  return rest > 0 ? [...top, { reason: 'other reasons', count: rest }] : top;
};
