// The offboarding checklist as an editable list: add (Enter or the button), move up/down, remove. Focus follows
// the item being moved and lands on a neighbour after a removal, so the keyboard never falls back to the page top.
import { useId, useRef, useState, type KeyboardEvent } from 'react';

const MAX_ITEMS = 50;
const MAX_CHARS = 200;

interface Props {
  items: readonly string[];
  onChange: (items: string[]) => void;
  /** The core's message about one item, keyed by index. */
  itemErrors: ReadonlyMap<number, string>;
}

export const ChecklistEditor = ({ items, onChange, itemErrors }: Props) => {
  const id = useId();
  const list = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [announcement, setAnnouncement] = useState('');

  const focusLater = (selector: string) =>
    requestAnimationFrame(() =>
      (list.current?.querySelector<HTMLElement>(selector) ?? input.current)?.focus(),
    );

  const add = () => {
    const item = text.trim();
    if (!item) return setError('Type the step first, e.g. “Collect laptop”.');
    if (items.length >= MAX_ITEMS) return setError(`A checklist holds at most ${MAX_ITEMS} steps.`);
    if (items.some((i) => i.toLowerCase() === item.toLowerCase()))
      return setError(`“${item}” is already on the checklist.`);
    onChange([...items, item]);
    setText('');
    setError('');
    setAnnouncement(`Added “${item}”. Save to keep it.`);
  };

  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= items.length) return;
    const next = [...items];
    [next[index], next[to]] = [next[to]!, next[index]!];
    onChange(next);
    setAnnouncement(`Moved “${items[index]}” to position ${to + 1} of ${items.length}.`);
    focusLater(`[data-step="${to}"] [data-move="${by === -1 ? 'up' : 'down'}"]`);
  };

  const remove = (index: number) => {
    onChange(items.filter((_, i) => i !== index));
    setAnnouncement(`Removed “${items[index]}”. Save to keep the change.`);
    const neighbour = index < items.length - 1 ? index : index - 1;
    focusLater(`[data-step="${neighbour}"] [data-remove]`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // Enter adds the step; it does not submit the whole form.
    add();
  };

  return (
    <div className="checklist field-wide">
      <p className="checklist-label" id={`${id}-label`}>
        Checklist
      </p>
      {items.length ? (
        <ol className="checklist-items" ref={list} aria-labelledby={`${id}-label`}>
          {items.map((item, index) => (
            <li key={`${index}:${item}`} data-step={index} className="checklist-item">
              <span className="checklist-number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="checklist-text">
                {item}
                {itemErrors.has(index) ? (
                  <span className="field-error checklist-error">{itemErrors.get(index)}</span>
                ) : null}
              </span>
              <span className="checklist-actions">
                <button
                  type="button"
                  className="button button-small button-secondary"
                  data-move="up"
                  aria-label={`Move “${item}” up`}
                  aria-disabled={index === 0 || undefined}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  data-move="down"
                  aria-label={`Move “${item}” down`}
                  aria-disabled={index === items.length - 1 || undefined}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  data-remove
                  aria-label={`Remove “${item}”`}
                  onClick={() => remove(index)}
                >
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="checklist-empty">
          No steps yet. Add the things someone must do by hand when a person leaves.
        </p>
      )}
      <div className={`field checklist-add${error ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-new`}>New step</label>
        <div className="checklist-add-row">
          <div className="field-control">
            <input
              id={`${id}-new`}
              ref={input}
              value={text}
              maxLength={MAX_CHARS}
              placeholder="e.g. Collect laptop"
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-new-error`}
              onChange={(e) => {
                setText(e.target.value);
                if (error) setError('');
              }}
              onKeyDown={onKeyDown}
            />
          </div>
          <button type="button" className="button button-secondary" onClick={add}>
            Add step
          </button>
        </div>
        <p id={`${id}-new-error`} className="field-error">
          {error}
        </p>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
};
