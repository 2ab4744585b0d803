// A small "Copy" button for a value an admin pastes elsewhere (a hash, a path). Says "Copied" for a moment, and
// says plainly when the clipboard refused, rather than failing silently. Fixed width: the label change moves nothing.
import { useEffect, useState } from 'react';

export const CopyButton = ({ text, what }: { text: string; what: string }) => {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button-small button-secondary copy-button"
        onClick={() => void copy()}
      >
        {state === 'copied' ? 'Copied' : 'Copy'}
        <span className="visually-hidden"> {what}</span>
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied'
          ? `Copied the ${what} to the clipboard.`
          : state === 'failed'
            ? `The clipboard refused; select the ${what} and copy it by hand.`
            : ''}
      </span>
    </>
  );
};
