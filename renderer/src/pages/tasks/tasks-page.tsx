// Tasks: everything someone has to do by hand — accounts to create, change or revoke in apps without an API, and
// offboarding checklist steps — grouped by app or by assignee, each with Done (and a note for the ledger), and
// the Dones that can still be undone below. Kept live by core events (a sync run adds tasks, another window or
// the CLI finishes them).
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useRpcQuery } from '../../api/queries';
import { Page } from '../../components/page';
import { TaskCard } from './task-card';
import { groupTasks, handTasksSentence, type GroupBy } from './tasks-format';
import { useTaskActions, useTaskEvents } from './use-task-actions';
import '../../styles/tasks.css';
import { LoadError } from '../../components/load-error';

const GROUP_LABEL: Record<GroupBy, string> = { app: 'App', assignee: 'Assignee' };

export const TasksPage = () => {
  const list = useRpcQuery('tasks.list', {});
  const actions = useTaskActions();
  const [by, setBy] = useState<GroupBy>('app');
  // Group labels are names (spaces, any character): headings get generated ids instead.
  const idBase = useId();
  useTaskEvents();
  const open = list.data?.open ?? [];
  const done = list.data?.recentlyDone ?? [];
  const groups = groupTasks(open, by);

  return (
    <Page
      title="Tasks"
      lead="What someone has to do by hand: accounts in apps without an API, and offboarding checklist steps. Mark each done here once it is done."
    >
      <div className="tasks-toolbar">
        <p className="tasks-count" role="status" aria-live="polite">
          {list.data ? (
            open.length ? (
              <strong data-testid="tasks-open-count">{handTasksSentence(open.length)}</strong>
            ) : (
              <strong data-testid="tasks-open-count">Nothing to do by hand</strong>
            )
          ) : (
            <span className="skeleton" aria-hidden="true" />
          )}
        </p>
        <fieldset className="tasks-group-by">
          <legend>Group by</legend>
          {(['app', 'assignee'] as const).map((value) => (
            <label key={value} className="tasks-group-option">
              <input
                type="radio"
                name="tasks-group-by"
                value={value}
                checked={by === value}
                onChange={() => setBy(value)}
              />
              <span>{GROUP_LABEL[value]}</span>
            </label>
          ))}
        </fieldset>
      </div>

      {list.error ? (
        <LoadError error={list.error} what="Could not load the tasks" onRetry={() => void list.refetch()} />
      ) : null}

      {actions.lastDone?.undo?.allowed && !actions.busy ? (
        <p className="callout tasks-undo-line" role="status">
          Marked “{actions.lastDone.title}” done.{' '}
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => void actions.undo(actions.lastDone!)}
          >
            Undo
          </button>
        </p>
      ) : null}

      {list.data && !open.length ? (
        <div className="card tasks-empty">
          <p>
            <strong>Nothing to do by hand.</strong> When a sync run gives someone access to an app without an
            API, or an offboarding case has to take it away, the task appears here. The apps themselves are on
            the <Link to="/apps">Apps</Link> page.
          </p>
        </div>
      ) : null}

      {groups.map((g, i) => (
        <section key={g.key} className="tasks-group" aria-labelledby={`${idBase}-${i}`}>
          <h2 id={`${idBase}-${i}`} className="tasks-group-title">
            {g.label} <span className="muted">{g.tasks.length}</span>
          </h2>
          <ul className="tasks-list">
            {g.tasks.map((t) => (
              <TaskCard key={t.id} task={t} actions={actions} showApp={by !== 'app'} />
            ))}
          </ul>
        </section>
      ))}

      {done.length ? (
        <section className="tasks-group tasks-done" aria-labelledby="tasks-done-title">
          <h2 id="tasks-done-title" className="tasks-group-title">
            Done recently <span className="muted">— can still be undone</span>
          </h2>
          <ul className="tasks-list">
            {done.map((t) => (
              <TaskCard key={t.id} task={t} actions={actions} showApp />
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
};
