// Offboarding on the Overview, from status.summary: revocations waiting for an admin's approval and tasks a person
// does by hand (a laptop, a file transfer, a manual app) counted apart — one is a decision, the other work — open
// cases, other held changes, and time to revoke from the recent sync runs.
import type { RunView } from '../../../../shared/api/methods-sync';
import { approvalsWords, manualTasksWords, otherHeldWords } from '../../../../shared/status/status-words';
import { StatusBadge } from '../../components/status-badge';
import { errorText, formatDuration } from '../../offboarding/offboarding-format';
import type { StatusQuery } from '../../sync-state/use-status';
import { revokeFigures } from './overview-data';

/** "2 revocations wait for approval" → the number and the words after it, so the number can stand out. */
const figure = (words: string) => words.slice(words.indexOf(' ') + 1);

export const OffboardingCard = ({ runs, status }: { runs: RunView[] | undefined; status: StatusQuery }) => {
  const pending = status.summary?.pending;
  const approvals = pending?.approvals.total;
  const tasks = pending?.manualTasks;
  const waiting = pending ? pending.approvals.total + pending.manualTasks : undefined;
  const revoke = runs ? revokeFigures(runs) : null;

  return (
    <section className="card overview-card" aria-labelledby="offboarding-card-title">
      <div className="card-header">
        <h2 id="offboarding-card-title">
          <a href="#/offboarding">Offboarding</a>
        </h2>
        {waiting !== undefined ? (
          <StatusBadge
            tone={waiting ? 'degraded' : 'ok'}
            label={waiting ? 'Waiting for you' : 'Nothing waiting'}
          />
        ) : null}
      </div>
      {status.error && !pending ? (
        <p className="callout callout-error">{errorText(status.error, 'Could not read what is waiting')}</p>
      ) : null}
      <div className="overview-figures">
        <p className="overview-figure">
          <strong data-testid="overview-approvals">{approvals ?? '–'}</strong>
          <span>
            <a href="#/sync?focus=review">{figure(approvalsWords(approvals ?? 0))}</a>
          </span>
        </p>
        <p className="overview-figure">
          <strong data-testid="overview-manual-tasks">{tasks ?? '–'}</strong>
          <span>
            <a href="#/tasks">{figure(manualTasksWords(tasks ?? 0))}</a>
          </span>
        </p>
        <p className="overview-figure">
          <strong>{pending?.openCases ?? '–'}</strong>
          <span>open {pending?.openCases === 1 ? 'case' : 'cases'}</span>
        </p>
      </div>
      {pending?.otherHeld.total ? (
        <p className="muted overview-line">
          <a href="#/sync?focus=review">{otherHeldWords(pending.otherHeld.total)}</a>
        </p>
      ) : null}
      <div>
        <h3>Time to revoke</h3>
        <p className="muted overview-line">
          {revoke
            ? `Typically ${formatDuration(revoke.typicalMs)} from the directory change to the app; p95 ${formatDuration(revoke.p95Ms)}, worst ${formatDuration(revoke.maxMs)} (${revoke.count} revocation${revoke.count === 1 ? '' : 's'} in ${revoke.runs} run${revoke.runs === 1 ? '' : 's'}).`
            : 'No revocations measured yet. They are timed from the directory change to the app confirming it.'}
        </p>
      </div>
      <p className="muted overview-line">
        {waiting ? (
          <a href="#/offboarding">Approve or complete the waiting tasks</a>
        ) : (
          <a href="#/offboarding?new=1">Offboard someone…</a>
        )}
      </p>
    </section>
  );
};
