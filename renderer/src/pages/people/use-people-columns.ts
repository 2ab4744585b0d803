// The People page's app columns as React state: the admin's remembered choice (or none), the grid's width (so the
// default shows as many of the most used apps as fit, also after a resize), and the columns that follow.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PeopleList } from '../../../../shared/api/methods-people';
import { accountCounts, shownApps } from './people-columns';
import { appColumnsThatFit } from './people-grid-layout';

const STORAGE_KEY = 'lanyard.people.columns';

// localStorage may be switched off or full: then the choice lasts for this visit only.
const readChosenColumns = (): string[] | null => {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : null;
  } catch {
    return null;
  }
};

/** null forgets the choice: back to the most used apps that fit. */
const writeChosenColumns = (ids: readonly string[] | null): void => {
  try {
    if (ids) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(ids));
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Not remembered; the columns still change for this visit.
  }
};

export const usePeopleColumns = (data: PeopleList | undefined, filteredApp: string) => {
  // A callback ref (state, not useRef): the observer follows the element if it is ever replaced.
  const [frame, setFrame] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(0);
  const [chosen, setChosenState] = useState<string[] | null>(readChosenColumns);

  useEffect(() => {
    if (!frame) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(frame);
    return () => observer.disconnect();
  }, [frame]);

  const setChosen = useCallback((ids: string[] | null) => {
    writeChosenColumns(ids);
    setChosenState(ids);
  }, []);

  const apps = useMemo(() => data?.apps ?? [], [data]);
  const counts = useMemo(() => accountCounts(data?.people ?? []), [data]);
  const fit = appColumnsThatFit(width);
  const selected = useMemo(() => shownApps(apps, counts, chosen, fit, null), [apps, counts, chosen, fit]);
  const shown = useMemo(
    () => shownApps(apps, counts, chosen, fit, filteredApp === 'all' ? null : filteredApp),
    [apps, counts, chosen, fit, filteredApp],
  );

  return {
    /** The ref for the element whose width the grid takes. */
    frameRef: setFrame,
    columns: {
      apps,
      counts,
      selected: selected.map((a) => a.id),
      shown,
      custom: chosen !== null,
      setChosen,
    },
  };
};
