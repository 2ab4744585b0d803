// The problems of status.summary as banners above the Overview and the Sync page, in the summary's own words (the
// tray says the same): what is wrong, why, since when, and the page that fixes it. Quarantined apps are left to the
// quarantine banner and the scheduler card, which offer Resume.
import { useId } from 'react';
import { Link } from 'react-router';
import type { StatusProblem, StatusSummary } from '../../../shared/api/methods-status';
import { formatTime } from '../offboarding/offboarding-format';
import '../styles/sync-state.css';

const PAGE_NAME: Record<string, string> = {
  '/settings': 'Open Settings',
  '/apps': 'Open Apps',
  '/sync': 'Open Sync',
};

/** Problems a banner shows: the errors and warnings, not quarantines (they have their own banner with Resume). */
export const bannerProblems = (summary: StatusSummary): StatusProblem[] =>
  summary.problems.filter((p) => !p.title.endsWith(' is quarantined'));

const ProblemBanner = ({ problem, here }: { problem: StatusProblem; here: string }) => {
  const id = useId();
  return (
    <aside
      className={`attention attention-${problem.tone === 'error' ? 'error' : 'warning'}`}
      aria-labelledby={id}
      data-testid="status-problem"
      data-tone={problem.tone}
    >
      <div>
        <h2 id={id}>{problem.title}</h2>
        {problem.detail ? <p>{problem.detail}</p> : null}
        {problem.since ? <p className="muted">Since {formatTime(problem.since)}</p> : null}
      </div>
      {problem.page !== here ? (
        <div className="attention-actions">
          <Link className="button button-secondary" to={problem.page}>
            {PAGE_NAME[problem.page] ?? 'Open'}
          </Link>
        </div>
      ) : null}
    </aside>
  );
};

/** `here`: the page it is shown on (no link to itself). */
export const StatusProblems = ({ summary, here }: { summary: StatusSummary | undefined; here: string }) => {
  const problems = summary ? bannerProblems(summary) : [];
  if (!problems.length) return null;
  return (
    <div className="sync-attention" data-testid="status-problems">
      {problems.map((p) => (
        <ProblemBanner key={`${p.subject}:${p.title}`} problem={p} here={here} />
      ))}
    </div>
  );
};
