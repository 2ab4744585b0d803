// The app page's open tasks to do by hand (manual apps): the same cards and Done / Undo as the Tasks page,
// filtered to this app, with a link to the whole inbox.
import { Link } from 'react-router';
import { useRpcQuery } from '../../api/queries';
import { errorText } from '../../offboarding/offboarding-format';
import { TaskCard } from './task-card';
import { handTasksSentence } from './tasks-format';
import { useTaskActions, useTaskEvents } from './use-task-actions';
import '../../styles/tasks.css';

export const AppTasks = ({ appId, appName }: { appId: string; appName: string }) => {
  const list = useRpcQuery('tasks.list', { appId });
  const actions = useTaskActions();
  useTaskEvents();
  const open = list.data?.open ?? [];
  const done = list.data?.recentlyDone ?? [];
  return (
    <section className="app-tasks" aria-labelledby="app-tasks-title" data-testid="app-tasks">
      <h3 id="app-tasks-title">Tasks to do by hand</h3>
      {list.error ? (
        <p className="callout callout-error" role="alert">
          {errorText(list.error, 'Could not load the tasks')}
        </p>
      ) : null}
      {list.data ? (
        <p className="muted">
          {open.length
            ? `${handTasksSentence(open.length)} in ${appName}.`
            : `Nothing to do by hand in ${appName}.`}{' '}
          <Link to="/tasks">All tasks</Link>
        </p>
      ) : null}
      {open.length || done.length ? (
        <ul className="tasks-list">
          {[...open, ...done].map((t) => (
            <TaskCard key={t.id} task={t} actions={actions} showApp={false} />
          ))}
        </ul>
      ) : null}
    </section>
  );
};
