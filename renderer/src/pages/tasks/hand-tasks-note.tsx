// What the Sync page says about tasks to do by hand: a plan or a run that only issues such tasks sends nothing
// to any app, so "nothing to apply" would be wrong and "N changes" misleading. Tasks already issued by an earlier
// run are named as such (the preview plans them again until someone does them), with the way to the inbox.
import { Link } from 'react-router';
import type { PlannedOpView } from '../../../../shared/api/methods-sync';
import { useRpcQuery } from '../../api/queries';
import { handTasksSentence } from './tasks-format';

/** Under a plan preview: its manual tasks, and how many of them are already waiting in Tasks. */
export const PlanHandTasks = ({ ops }: { ops: readonly PlannedOpView[] }) => {
  const list = useRpcQuery('tasks.list', {});
  const manual = ops.filter((o) => o.kind === 'manual-task');
  if (!manual.length) return null;
  const issued = new Set((list.data?.open ?? []).map((t) => t.opKey));
  const waiting = manual.filter((o) => issued.has(o.key)).length;
  const fresh = manual.length - waiting;
  return (
    <p className="callout tasks-plan-note" data-testid="plan-hand-tasks">
      <strong>{handTasksSentence(manual.length)}</strong>
      {waiting === manual.length
        ? ' — already issued and waiting in Tasks; applying sends nothing for them.'
        : waiting
          ? ` — ${waiting} already waiting in Tasks; applying issues the other ${fresh}.`
          : ' — applying issues them as tasks; nothing is sent to those apps.'}{' '}
      <Link to="/tasks">Open Tasks</Link>
    </p>
  );
};

/** After a run: instead of "nothing to apply", the tasks still to do by hand (if any). */
export const RunHandTasks = ({ applied }: { applied: boolean }) => {
  const list = useRpcQuery('tasks.list', {});
  const n = list.data?.open.length ?? 0;
  if (!n) return applied ? null : <>nothing to apply</>;
  return (
    <>
      {applied ? ' · ' : 'nothing to send to apps; '}
      {handTasksSentence(n)} — <Link to="/tasks">open Tasks</Link>
    </>
  );
};
