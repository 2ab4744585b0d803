// The report's item table for auditors: every item with its decision, who made it (for which reviewer, how it came
// in, when, its audit sequence number), the comment, and the ops that carried it out with their ledger events.
import type { ReviewReport } from '../../../../shared/api/methods-reviews';
import { decisionLabel, formatTime, outcomeLabel, sourceLabel } from './reviews-format';

export const ReportItems = ({ items }: { items: ReviewReport['items'] }) => (
  // Focusable, so a keyboard can scroll it sideways when a narrow window cannot show every column.
  <div className="evidence-table-wrap" tabIndex={0} role="region" aria-label="Items, decisions and outcomes">
    <table className="evidence-table reviews-report-table">
      <caption className="visually-hidden">Every item of the campaign with its decision and outcome</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">App · account</th>
          <th scope="col">Person · role</th>
          <th scope="col">Granted by</th>
          <th scope="col">Reviewer</th>
          <th scope="col">Decision</th>
          <th scope="col">Decided</th>
          <th scope="col">Carried out</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.itemId}>
            <td>{i.itemId}</td>
            <td>
              <p>{i.appName}</p>
              <p>{i.userName}</p>
            </td>
            <td>
              <p>{i.person ?? `orphan (${i.kind})`}</p>
              <p>{i.role ?? 'no role'}</p>
            </td>
            <td>{i.grantedBy}</td>
            <td>{i.reviewer}</td>
            <td>
              {i.decision ? (
                <>
                  <p>
                    {decisionLabel[i.decision]}
                    {i.newRole ? ` → ${i.newRole}` : ''}
                  </p>
                  {i.comment ? <p>“{i.comment}”</p> : null}
                </>
              ) : (
                <p>Undecided</p>
              )}
            </td>
            <td>
              {i.decidedAt ? (
                <>
                  <p>
                    {i.decidedBy}
                    {i.forReviewer && i.forReviewer !== i.decidedBy ? ` for ${i.forReviewer}` : ''}{' '}
                    {i.source ? sourceLabel[i.source] : ''}
                  </p>
                  <p>
                    {formatTime(i.decidedAt)}
                    {i.decisionSeq !== null ? ` · audit #${i.decisionSeq}` : ''}
                  </p>
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              {i.outcome === 'none' ? (
                '—'
              ) : (
                <>
                  <p>{outcomeLabel[i.outcome]}</p>
                  {i.ops.map((op) => (
                    <p key={op.opId}>
                      {op.kind} op #{op.opId}: {op.status}
                      {op.auditSeqs.length ? ` · audit #${op.auditSeqs.join(', #')}` : ''}
                      {op.error ? ` · ${op.error}` : ''}
                      {op.heldReason ? ` · held: ${op.heldReason}` : ''}
                    </p>
                  ))}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
