// One offboarding case: who and why, progress (done / pending review / manual / failed / verified), each task with
// its actions, approve-all, verify, the timeline, the evidence download (JSON) and the printable evidence view.
// After an approval it says what the approval came to: done, not run because no longer needed (with why), or
// waiting for a fresh approval.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { OffboardingCaseView } from '../../../../shared/api/methods-offboarding';
import { unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { downloadText } from '../../components/download-file';
import { StatusBadge } from '../../components/status-badge';
import { ProgressSummary } from '../../offboarding/case-progress';
import {
  caseName,
  formatTime,
  taskApprovalOutcome,
  type TaskApprovalOutcome,
} from '../../offboarding/offboarding-format';
import { ApprovalNote } from './approval-note';
import { ApproveTasksDialog } from './approve-tasks-dialog';
import { CaseTimeline } from './case-timeline';
import { TaskRow } from './task-row';
import { useCaseAction } from './use-case-action';

export const CaseCard = ({ c }: { c: OffboardingCaseView }) => {
  const titleId = useId();
  const client = useClient();
  const action = useCaseAction();
  const [approvingAll, setApprovingAll] = useState(false);
  const [status, setStatus] = useState('');
  const [approval, setApproval] = useState<TaskApprovalOutcome | null>(null);
  const approved = (ids: number[] | null, after: OffboardingCaseView[]) =>
    setApproval(taskApprovalOutcome(c, ids, after));
  const open = c.status === 'open';
  const held = c.tasks.filter((t) => t.status === 'review');

  const evidence = () =>
    void action.run('evidence-json', 'Could not build the evidence', async () => {
      const file = unwrap(await client.call('offboarding.evidence', { caseId: c.id, format: 'json' }));
      downloadText(file.content, file.fileName, 'application/json');
      setStatus(`Saved ${file.fileName} to your downloads.`);
    });

  return (
    <section className="card case-card" aria-labelledby={titleId} data-testid="offboarding-case">
      <div className="card-header">
        <div>
          <h3 id={titleId}>{caseName(c)}</h3>
          <p className="card-description">
            Case #{c.id} · {c.trigger === 'directory' ? 'from the directory' : 'manual'} · {c.reason} · opened{' '}
            {formatTime(c.openedAt)} by {c.openedBy}
            {c.killSessions ? ' · sessions ended' : ''}
            {c.closedAt ? ` · ${c.status} ${formatTime(c.closedAt)}` : ''}
          </p>
        </div>
        <StatusBadge
          tone={
            c.status === 'closed'
              ? 'ok'
              : c.status === 'cancelled'
                ? 'neutral'
                : c.progress.failed
                  ? 'error'
                  : 'degraded'
          }
          label={c.status === 'closed' ? 'Closed' : c.status === 'cancelled' ? 'Cancelled' : 'Open'}
        />
      </div>
      <ProgressSummary c={c} />
      <ul className="task-list" aria-label={`Tasks of case #${c.id}`}>
        {c.tasks.map((t) => (
          <TaskRow
            key={t.id}
            task={t}
            c={c}
            caseOpen={open}
            onApproved={(after) => approved([t.id], after)}
          />
        ))}
      </ul>
      <div className="case-actions">
        {open && held.length > 0 ? (
          <button
            type="button"
            className="button"
            disabled={action.busy !== null}
            onClick={() => setApprovingAll(true)}
          >
            Approve all ({held.length})
          </button>
        ) : null}
        {c.status !== 'cancelled' ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={action.busy !== null}
            onClick={() =>
              void action.run('verify', 'Verification did not run', async () => {
                const v = unwrap(await client.call('offboarding.verify', { caseId: c.id }));
                const flagged = v.tasks.filter((t) => t.status === 'flagged').length;
                setStatus(
                  flagged
                    ? `Verification found ${flagged} account${flagged === 1 ? '' : 's'} still active — see the tasks marked “Still active”.`
                    : 'Verification passed: every automated account is inactive or gone.',
                );
              })
            }
          >
            {action.busy === 'verify' ? 'Verifying…' : 'Verify'}
          </button>
        ) : null}
        <button
          type="button"
          className="button button-secondary"
          disabled={action.busy !== null}
          onClick={evidence}
        >
          Evidence (JSON)
        </button>
        <Link className="button button-secondary" to={`/offboarding/${c.id}/evidence`}>
          Printable evidence
        </Link>
        <p className="muted case-status" role="status">
          {status}
        </p>
      </div>
      {approval ? <ApprovalNote outcome={approval} onDismiss={() => setApproval(null)} /> : null}
      {action.error && !approvingAll ? (
        <p className="callout callout-error" role="alert">
          {action.error}
        </p>
      ) : null}
      <CaseTimeline c={c} />
      <ApproveTasksDialog
        scope="all"
        open={approvingAll}
        c={c}
        tasks={held}
        busy={action.busy === 'approve-all'}
        error={approvingAll ? action.error : null}
        onCancel={() => setApprovingAll(false)}
        onConfirm={() =>
          void action
            .run('approve-all', 'Could not approve the held tasks', async () =>
              approved(null, unwrap(await client.call('offboarding.approve', { caseId: c.id }))),
            )
            .then((ok) => ok && setApprovingAll(false))
        }
      />
    </section>
  );
};
