// A case's progress in words and a bar: done, waiting for approval, by hand, failed, verified — and the task list
// with each status, so "what is done and what is left" reads at a glance. Used in the dialog and on the page.
import type { OffboardingCaseView } from '../../../shared/api/methods-offboarding';
import { StatusBadge } from '../components/status-badge';
import { taskStatusToneOf, taskStatusWord } from './offboarding-format';

export const progressCounts = (c: OffboardingCaseView) => ({
  done: c.progress.finished,
  total: c.progress.total,
  review: c.progress.review,
  todo: c.progress.todo,
  failed: c.progress.failed,
  verified: c.tasks.filter((t) => t.status === 'verified').length,
});

export const ProgressSummary = ({ c }: { c: OffboardingCaseView }) => {
  const p = progressCounts(c);
  const pct = p.total ? Math.round((p.done / p.total) * 100) : 0;
  return (
    <div className="case-progress-summary">
      <div
        className="case-progress-bar"
        role="progressbar"
        aria-label={`Case #${c.id} progress`}
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.done}
        aria-valuetext={`${p.done} of ${p.total} tasks finished`}
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <ul className="case-counts" aria-label="Task counts">
        <li>
          <strong>{p.done}</strong> of {p.total} done
        </li>
        <li className={p.review ? 'count-attention' : undefined}>
          <strong>{p.review}</strong> pending review
        </li>
        <li className={p.todo ? 'count-attention' : undefined}>
          <strong>{p.todo}</strong> manual
        </li>
        <li className={p.failed ? 'count-error' : undefined}>
          <strong>{p.failed}</strong> failed
        </li>
        <li>
          <strong>{p.verified}</strong> verified
        </li>
      </ul>
    </div>
  );
};

export const CaseProgress = ({ c }: { c: OffboardingCaseView }) => (
  <div className="case-progress" aria-live="polite">
    <p>
      Case #{c.id} is <strong>{c.status}</strong>.{' '}
      {c.status === 'closed'
        ? 'Everything is done and verified.'
        : c.progress.review + c.progress.todo > 0
          ? 'Some tasks wait for you on the Offboarding page.'
          : 'Lanyard is working through the tasks.'}
    </p>
    <ProgressSummary c={c} />
    <ul className="case-progress-tasks">
      {c.tasks.map((t) => (
        <li key={t.id}>
          <span>
            {t.title}
            {t.detail && ['review', 'failed', 'skipped', 'flagged'].includes(t.status) ? (
              <span className="muted offboard-cell-detail">{t.detail}</span>
            ) : null}
          </span>
          <StatusBadge tone={taskStatusToneOf(t)} label={taskStatusWord(t)} />
        </li>
      ))}
    </ul>
  </div>
);
