// One task of a case: its status in words, why, and what an admin can do with it — approve or skip (with a reason)
// a held revocation, tick a manual step done with an optional note, or undo that while the case is open.
import { useId, useState } from 'react';
import type { OffboardingCaseView, OffboardingTaskView } from '../../../../shared/api/methods-offboarding';
import { unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { StatusBadge } from '../../components/status-badge';
import {
  formatTime,
  isManualTask,
  isOpenTask,
  taskEffect,
  taskStatusToneOf,
  taskStatusWord,
} from '../../offboarding/offboarding-format';
import { ApproveTasksDialog } from './approve-tasks-dialog';
import { SkipDialog } from './skip-dialog';
import { useCaseAction } from './use-case-action';

/** The op's own reason ("deactivate ana@… in Acme: …") mostly repeats the title; notes and held reasons do not. */
const restatesTitle = (t: OffboardingTaskView): boolean =>
  t.status !== 'review' &&
  t.status !== 'failed' &&
  t.status !== 'flagged' &&
  t.detail !== null &&
  t.detail.toLowerCase().startsWith(`${t.title.split(' ')[0]?.toLowerCase() ?? ''} `);

interface Props {
  task: OffboardingTaskView;
  /** The case, for the confirmations to name the person. */
  c: Pick<OffboardingCaseView, 'displayName' | 'person'>;
  caseOpen: boolean;
  /** The cases an approval of this task returned, for the case to say what it came to. */
  onApproved?: (after: OffboardingCaseView[]) => void;
}

export const TaskRow = ({ task, c, caseOpen, onApproved }: Props) => {
  const client = useClient();
  const action = useCaseAction();
  const [skipping, setSkipping] = useState(false);
  const [approving, setApproving] = useState(false);
  const manualTodo = caseOpen && isManualTask(task) && task.status === 'todo';
  const canSkip = caseOpen && isOpenTask(task) && task.kind !== 'verify';

  return (
    <li className={`task-row task-${task.status}`} data-testid="offboarding-task">
      <div className="task-main">
        <span className="task-title">{task.title}</span>
        {task.appName && !task.title.includes(task.appName) ? (
          <span className="muted"> · {task.appName}</span>
        ) : null}
        {task.instructions ? <p className="task-instructions">{task.instructions}</p> : null}
        {task.detail && !restatesTitle(task) ? <p className="muted task-detail">{task.detail}</p> : null}
        {task.doneAt ? (
          <p className="muted task-detail">
            {task.status === 'skipped' ? 'Skipped' : 'Done'} {formatTime(task.doneAt)}
            {task.doneBy ? ` by ${task.doneBy}` : ''}
            {task.verification ? ` · verification: ${task.verification}` : ''}
          </p>
        ) : task.verification ? (
          <p className="muted task-detail">Verification: {task.verification}</p>
        ) : null}
        {manualTodo ? (
          <ManualComplete
            task={task}
            busy={action.busy !== null}
            onComplete={(note) =>
              void action.run('complete', `Could not mark “${task.title}” done`, async () =>
                unwrap(await client.call('offboarding.completeManual', { taskId: task.id, note })),
              )
            }
          />
        ) : null}
        {isManualTask(task) && task.status === 'done' ? (
          <div className="task-manual">
            <label className="task-check">
              <input type="checkbox" checked disabled />
              <span>Done: {task.title}</span>
            </label>
            {/* Undo a Done by hand while the case is open; once it closes, the case is the record. */}
            {caseOpen && task.doneBy ? (
              <button
                type="button"
                className="button button-small button-secondary"
                disabled={action.busy !== null}
                aria-label={`Undo done: ${task.title}`}
                onClick={() =>
                  void action.run('undo', `Could not undo “${task.title}”`, async () =>
                    unwrap(await client.call('tasks.undo', { id: `case-task:${task.id}` })),
                  )
                }
              >
                {action.busy === 'undo' ? 'Undoing…' : 'Undo'}
              </button>
            ) : null}
          </div>
        ) : null}
        {action.error && !skipping && !approving ? (
          <p className="callout callout-error" role="alert">
            {action.error}
          </p>
        ) : null}
      </div>
      <div className="task-side">
        <StatusBadge tone={taskStatusToneOf(task)} label={taskStatusWord(task)} />
        <div className="task-actions">
          {caseOpen && task.status === 'review' ? (
            <button
              type="button"
              className="button button-small"
              disabled={action.busy !== null}
              aria-label={`Approve: ${task.title}`}
              onClick={() => {
                action.clearError();
                setApproving(true);
              }}
            >
              {action.busy === 'approve' ? 'Approving…' : 'Approve…'}
            </button>
          ) : null}
          {canSkip ? (
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={action.busy !== null}
              aria-label={`Skip: ${task.title}`}
              onClick={() => {
                action.clearError();
                setSkipping(true);
              }}
            >
              Skip…
            </button>
          ) : null}
        </div>
      </div>
      <ApproveTasksDialog
        scope="one"
        open={approving}
        c={c}
        tasks={[task]}
        busy={action.busy === 'approve'}
        error={approving ? action.error : null}
        onCancel={() => setApproving(false)}
        onConfirm={() =>
          void action
            .run('approve', `Could not approve “${task.title}”`, async () =>
              onApproved?.(unwrap(await client.call('offboarding.approve', { taskIds: [task.id] }))),
            )
            .then((ok) => ok && setApproving(false))
        }
      />
      {skipping ? (
        <SkipDialog
          title={`Skip “${task.title}”?`}
          what="Lanyard will not do this step, and the access it would have removed may remain."
          effects={[taskEffect(task, c.person)]}
          busy={action.busy === 'skip'}
          error={action.error}
          onCancel={() => setSkipping(false)}
          onSkip={(reason) =>
            void action
              .run('skip', `Could not skip “${task.title}”`, async () =>
                unwrap(await client.call('offboarding.skip', { taskIds: [task.id], reason })),
              )
              .then((ok) => ok && setSkipping(false))
          }
        />
      ) : null}
    </li>
  );
};

/** Notes typed but not yet sent, by task id (kept across re-renders and remounts of the row). */
const noteDrafts = new Map<number, string>();

/** A manual step: an optional note, and a checkbox that marks it done (the note goes with it to the ledger). */
const ManualComplete = ({
  task,
  busy,
  onComplete,
}: {
  task: OffboardingTaskView;
  busy: boolean;
  onComplete: (note: string) => void;
}) => {
  // The draft outlives the row: a live refresh that re-renders the case must never drop what the admin typed.
  const [note, setNoteState] = useState(() => noteDrafts.get(task.id) ?? '');
  const setNote = (v: string) => {
    noteDrafts.set(task.id, v);
    setNoteState(v);
  };
  const noteId = useId();
  return (
    <div className="task-manual">
      <label className="task-check">
        <input type="checkbox" checked={busy} disabled={busy} onChange={() => onComplete(note)} />
        <span>Done: {task.title}</span>
      </label>
      <label htmlFor={noteId} className="visually-hidden">
        Note for {task.title}
      </label>
      <input
        id={noteId}
        className="ob-input"
        type="text"
        maxLength={500}
        placeholder="Note (optional), e.g. laptop collected at reception"
        value={note}
        disabled={busy}
        onChange={(e) => setNote(e.target.value)}
      />
    </div>
  );
};
