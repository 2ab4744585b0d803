// The People grid's app column chooser (issue #16 item 8): a disclosure button with a small panel of checkboxes,
// one per app with its account count, most used first, a search box for long lists, and "Most used that fit" to go
// back to the default. Escape or a click elsewhere closes it; the choice is remembered by the page.
import { useEffect, useId, useRef, useState } from 'react';
import type { PeopleListApp } from '../../../../shared/api/methods-people';
import { appsByUse } from './people-columns';
import { formatCount } from './people-format';

interface Props {
  apps: PeopleListApp[];
  counts: ReadonlyMap<string, number>;
  /** The apps shown by choice (or by default), not counting one forced in by the app filter. */
  selected: readonly string[];
  /** The admin picked the columns (false: the most used that fit). */
  custom: boolean;
  disabled: boolean;
  /** The new choice in the workspace's order; null: back to the default. */
  onChange: (ids: string[] | null) => void;
}

export const ColumnChooser = ({ apps, counts, selected, custom, disabled, onChange }: Props) => {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('input')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const toggle = (appId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(appId);
    else next.delete(appId);
    onChange(apps.filter((a) => next.has(a.id)).map((a) => a.id));
  };

  const words = query.trim().toLowerCase();
  const listed = appsByUse(apps, counts).filter((a) => !words || a.name.toLowerCase().includes(words));

  return (
    <div
      className="column-chooser"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        type="button"
        ref={button}
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        Columns: {selected.length} of {apps.length} apps
      </button>
      <div
        id={`${id}-panel`}
        ref={panel}
        className="column-chooser-panel card"
        role="group"
        aria-labelledby={`${id}-title`}
        hidden={!open}
      >
        <h2 id={`${id}-title`} className="column-chooser-title">
          App columns
        </h2>
        <p className="muted column-chooser-note">
          {custom ? 'Your choice, remembered in this browser.' : 'The apps with the most accounts that fit.'}
        </p>
        {apps.length > 8 ? (
          <div className="people-filter">
            <label htmlFor={`${id}-q`}>Find an app</label>
            <div className="field-control">
              <input
                id={`${id}-q`}
                type="search"
                autoComplete="off"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
          </div>
        ) : null}
        <ul className="column-chooser-list">
          {listed.map((app) => (
            <li key={app.id}>
              <input
                id={`${id}-${app.id}`}
                type="checkbox"
                checked={selected.includes(app.id)}
                aria-describedby={`${id}-${app.id}-n`}
                onChange={(e) => toggle(app.id, e.target.checked)}
              />
              <label htmlFor={`${id}-${app.id}`}>{app.name}</label>
              <span id={`${id}-${app.id}-n`} className="column-chooser-count muted">
                {formatCount(counts.get(app.id) ?? 0)} accounts
              </span>
            </li>
          ))}
          {!listed.length ? <li className="muted">No app matches “{query.trim()}”.</li> : null}
        </ul>
        <div className="column-chooser-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => onChange(null)}
          >
            Most used that fit
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => onChange(apps.map((a) => a.id))}
          >
            All apps
          </button>
          <button type="button" className="button button-small" onClick={close}>
            Done
          </button>
        </div>
      </div>
    </div>
  );
};
