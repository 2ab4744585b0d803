// Unsaved rules are not lost by a stray click: while `dirty`, following a link elsewhere in the app waits for the
// admin's answer to "Discard changes to rule …?", and closing or reloading the window asks the browser's own
// question (beforeunload). The router is a HashRouter, which cannot block navigation itself (useBlocker needs a data
// router), so links are caught in the capture phase, before React Router's own click handler sees them. In the
// desktop app, closing the window only hides it to the tray (the draft stays); on quit, the main process turns the
// beforeunload into a native question (electron/desktop/window.ts askBeforeDroppingUnsaved).
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';

/** The in-app path a click would go to, or null when the click is not a plain in-app link navigation. */
const linkTarget = (e: MouseEvent): string | null => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const a = (e.target as Element | null)?.closest?.('a[href]');
  if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== '_self')) return null;
  const href = a.getAttribute('href') ?? '';
  if (!href.startsWith('#/')) return null;
  const to = href.slice(1);
  return to === window.location.hash.slice(1) ? null : to;
};

/** While `dirty`: the path a blocked link wanted (show the question), and how to answer it. */
export const useLeaveGuard = (dirty: boolean) => {
  const navigate = useNavigate();
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const onClick = (e: MouseEvent) => {
      const to = linkTarget(e);
      if (to === null) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(to);
    };
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older Chromium shows the question only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty]);

  return {
    pending,
    /** Stay on the page, changes kept. */
    stay: () => setPending(null),
    /** Drop the changes (the caller's `discard`), then go where the link pointed. */
    leave: (discard: () => void) => {
      const to = pending;
      setPending(null);
      discard();
      if (to !== null) void navigate(to);
    },
  };
};
