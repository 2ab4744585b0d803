// Whether the sidebar shows labels or icons only (issue #16 item 8). Below ~1100 px it starts collapsed so a laptop
// keeps its width for the page; the admin's own choice wins and is remembered in this browser, separately for narrow
// and wide windows — collapsing it on a laptop does not collapse it on the desk's big screen, and back.
import { useCallback, useEffect, useState } from 'react';

export const NARROW_QUERY = '(max-width: 1099px)';
const storageKey = (narrow: boolean) => `lanyard.sidebar.${narrow ? 'narrow' : 'wide'}`;

type Choice = 'collapsed' | 'expanded';

// localStorage can be switched off or full; the sidebar then simply forgets.
const readChoice = (narrow: boolean): Choice | null => {
  try {
    const v = window.localStorage.getItem(storageKey(narrow));
    return v === 'collapsed' || v === 'expanded' ? v : null;
  } catch {
    return null;
  }
};

const writeChoice = (narrow: boolean, choice: Choice): void => {
  try {
    window.localStorage.setItem(storageKey(narrow), choice);
  } catch {
    // Not remembered; the toggle still works for this visit.
  }
};

const useNarrowWindow = (): boolean => {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW_QUERY);
    const onChange = (e: MediaQueryListEvent) => setNarrow(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow;
};

export const useSidebarCollapsed = (): { collapsed: boolean; toggle: () => void } => {
  const narrow = useNarrowWindow();
  const [choices, setChoices] = useState(() => ({ narrow: readChoice(true), wide: readChoice(false) }));
  const choice = narrow ? choices.narrow : choices.wide;
  const collapsed = choice ? choice === 'collapsed' : narrow;

  const toggle = useCallback(() => {
    const next: Choice = collapsed ? 'expanded' : 'collapsed';
    writeChoice(narrow, next);
    setChoices((c) => (narrow ? { ...c, narrow: next } : { ...c, wide: next }));
  }, [collapsed, narrow]);

  return { collapsed, toggle };
};
