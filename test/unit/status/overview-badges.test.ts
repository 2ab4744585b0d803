// The Overview's badges (renderer/src/pages/overview/overview-data.ts) come from status.summary: "All good" only when
// the summary has no problem, a failing directory is "Failing" on the sync card however the last run is labelled,
// and a summary that cannot be read is "Unknown", never a stale green.
import { describe, expect, it } from 'vitest';
import { summarizeStatus } from '../../../electron/app/status/status-summary';
import { cardRunTitle, healthBadge, syncBadge } from '../../../renderer/src/pages/overview/overview-data';
import { calm, directoryFailure, run } from './status-fixtures';

const failing = summarizeStatus(
  calm({
    runs: [directoryFailure(9, 1), directoryFailure(8, 2), directoryFailure(7, 3), run(6, 4)],
    directory: { name: 'Acme Okta', health: 'error', detail: 'Okta answered 401', lastReadAt: null },
  }),
);

describe('the Overview badges', () => {
  it('say all good and succeeded only when nothing is wrong', () => {
    const s = summarizeStatus(calm());
    expect(healthBadge(s)).toEqual({ tone: 'ok', label: 'All good' });
    expect(syncBadge(s)).toEqual({ tone: 'ok', label: 'Succeeded' });
  });

  it('are red while the directory cannot be read', () => {
    expect(healthBadge(failing)).toEqual({ tone: 'error', label: 'Needs attention' });
    expect(syncBadge(failing)).toEqual({ tone: 'error', label: 'Failing' });
  });

  it('are unknown when the status cannot be read (the core stopped)', () => {
    expect(healthBadge(undefined)).toEqual({ tone: 'neutral', label: 'Unknown' });
    expect(syncBadge(undefined)).toEqual({ tone: 'neutral', label: 'Unknown' });
  });

  it('name a run the directory stopped without repeating the cause the banner gives', () => {
    const title = failing.lastRun!.title;
    expect(cardRunTitle(title, failing)).toBe(
      'Poll #9 failed, nothing was changed: the directory could not be read (see above)',
    );
    // Without the banner (the summary not read yet) the title keeps its cause.
    expect(cardRunTitle(title, undefined)).toBe(title);
  });
});
