// A case's timeline from its own record: opened, each task done / skipped / verified, closed — oldest first, with
// a link to the person's full audit trail (every ledger event, with sequence numbers, on the Audit page).
import type { OffboardingCaseView } from '../../../../shared/api/methods-offboarding';
import { formatTime, taskStatusLabel } from '../../offboarding/offboarding-format';

interface Moment {
  at: string;
  text: string;
}

export const timelineOf = (c: OffboardingCaseView): Moment[] => {
  const out: Moment[] = [{ at: c.openedAt, text: `Case opened by ${c.openedBy}: ${c.reason}` }];
  for (const t of c.tasks) {
    if (t.doneAt)
      out.push({
        at: t.doneAt,
        text: `${t.title}: ${taskStatusLabel[t.status].toLowerCase()}${t.doneBy ? ` by ${t.doneBy}` : ''}${t.detail && t.status === 'skipped' ? ` (${t.detail})` : ''}`,
      });
    if (t.verifiedAt && t.verification)
      out.push({ at: t.verifiedAt, text: `${t.title}: verified ${t.verification}` });
  }
  if (c.closedAt)
    out.push({ at: c.closedAt, text: `Case ${c.status}${c.closedReason ? `: ${c.closedReason}` : ''}` });
  return out.sort((a, b) => a.at.localeCompare(b.at));
};

export const CaseTimeline = ({ c }: { c: OffboardingCaseView }) => (
  <details className="case-timeline">
    <summary>Timeline</summary>
    <ol>
      {timelineOf(c).map((m, i) => (
        <li key={i}>
          <time dateTime={m.at}>{formatTime(m.at)}</time>
          <span>{m.text}</span>
        </li>
      ))}
    </ol>
    <a href={`#/audit?person=${encodeURIComponent(c.personId)}`}>Every audit event for {c.person}</a>
  </details>
);
