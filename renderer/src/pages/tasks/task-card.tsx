// One task to do by hand: what to do (title, who, why, the app's instructions) and Done with an optional note —
// or, once done, who did it, when, the note, and Undo while it can still be undone (and why not otherwise).
import { useId, useState } from 'react';
import type { HandTaskView } from '../../../../shared/api/methods-tasks';
import { StatusBadge } from '../../components/status-badge';
import { formatTime } from '../../offboarding/offboarding-format';
import { sideWord } from './tasks-format';
import type { TaskActions } from './use-task-actions';

interface Props {
  task: HandTaskView;
  actions: TaskActions;
  /** Say which app the task is in (the list is not grouped by app). */
  showApp: boolean;
}

export const TaskCard = ({ task, actions, showApp }: Props) => {
  const [note, setNote] = useState('');
  const noteId = useId();
  const busy = actions.busy !== null;
  const error = actions.error?.id === task.id ? actions.error.text : null;
  const open = task.status === 'open';

  return (
    <li className={`task-card task-card-${task.status}`} data-testid="hand-task" data-task-id={task.id}>
      <div className="task-card-main">
        <p className="task-card-title">
          <StatusBadge tone={open ? 'degraded' : 'ok'} label={open ? sideWord(task) : 'Done'} />{' '}
          <strong>{task.title}</strong>
        </p>
        <p className="muted task-card-facts">
          {task.person}
          {showApp && task.appName && !task.title.includes(task.appName) ? ` · ${task.appName}` : ''}
          {task.assignee ? ` · for ${task.assignee}` : ''}
          {task.caseId ? ` · offboarding case ${task.caseId}` : ''}
          {` · since ${formatTime(task.issuedAt)}`}
        </p>
        {task.reason ? <p className="task-card-reason">{task.reason}</p> : null}
        {open && task.instructions ? (
          <details className="task-card-instructions">
            <summary>How to do it</summary>
            <p>{task.instructions}</p>
          </details>
        ) : null}
        {!open ? (
          <p className="task-card-done">
            Done {formatTime(task.doneAt)}
            {task.doneBy ? ` by ${task.doneBy}` : ''}
            {task.note ? ` · note: ${task.note}` : ''}
            {task.undo ? <span className="muted"> · can be undone {task.undo.until}</span> : null}
          </p>
        ) : null}
        {error ? (
          <p className="callout callout-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="task-card-side">
        {open ? (
          <form
            className="task-card-form"
            onSubmit={(e) => {
              e.preventDefault();
              void actions.done(task, note.trim());
            }}
          >
            <label htmlFor={noteId} className="visually-hidden">
              Note for “{task.title}” (optional)
            </label>
            <input
              id={noteId}
              className="tasks-input"
              type="text"
              maxLength={500}
              placeholder="Note (optional)"
              value={note}
              disabled={busy}
              onChange={(e) => setNote(e.target.value)}
            />
            <button
              type="submit"
              className="button button-small"
              disabled={busy}
              aria-label={`Done: ${task.title}`}
            >
              {actions.busy === task.id ? 'Saving…' : 'Done'}
            </button>
          </form>
        ) : task.undo?.allowed ? (
          <button
            type="button"
            className="button button-small button-secondary"
            disabled={busy}
            aria-label={`Undo done: ${task.title}`}
            onClick={() => void actions.undo(task)}
          >
            {actions.busy === task.id ? 'Undoing…' : 'Undo'}
          </button>
        ) : null}
      </div>
    </li>
  );
};
