// The evidence's table: one row per app or step, with what the admins decided (approval, note, skip reason)
// in a column of its own so an auditor reads it beside the action it concerns.
import type { EvidenceApp } from '../../../../shared/api/methods-offboarding';
import { formatDuration, formatTime } from '../../offboarding/offboarding-format';

const decisions = (i: EvidenceApp): string[] =>
  [
    i.approvedBy ? `Approved by ${i.approvedBy} at ${formatTime(i.approvedAt)}` : '',
    i.skipReason ? `Skipped: ${i.skipReason}` : '',
    i.note ? `Note: ${i.note}` : '',
  ].filter(Boolean);

export const EvidenceTable = ({ items }: { items: EvidenceApp[] }) => (
  <div className="evidence-table-wrap">
    <table className="evidence-table">
      <caption className="visually-hidden">Each app and step of the case</caption>
      <thead>
        <tr>
          <th scope="col">App</th>
          <th scope="col">Task</th>
          <th scope="col">Result</th>
          <th scope="col">By</th>
          <th scope="col">When</th>
          <th scope="col">Approval, note or reason</th>
          <th scope="col">Verification</th>
          <th scope="col">Time to revoke</th>
          <th scope="col">Audit seq</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i, n) => (
          <tr key={n}>
            <td>{i.appName}</td>
            <td>
              {i.task}
              <span className="muted evidence-action"> — {i.action}</span>
            </td>
            <td>{i.status}</td>
            <td>{i.by ?? '—'}</td>
            <td>{formatTime(i.at)}</td>
            <td>
              {decisions(i).map((d) => (
                <p key={d}>{d}</p>
              ))}
            </td>
            <td>{i.verification ?? '—'}</td>
            <td>{formatDuration(i.timeToRevokeMs)}</td>
            <td>{i.auditSeqs.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
