// Progress by reviewer, with each reviewer's sheet: a CSV to send them (opens in Excel or Sheets, with the decision
// column and its allowed values) and a printable page. Reading a sheet changes nothing; the CSV carries a check value
// per row so a changed account or a row from another campaign is refused on import.
import { useState } from 'react';
import type { ReviewCampaignView } from '../../../../shared/api/methods-reviews';
import { unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { downloadText } from '../../components/download-file';
import { errorText } from '../../offboarding/offboarding-format';
import { plural } from './reviews-format';

const readerZone = () => {
  const o = Intl.DateTimeFormat().resolvedOptions();
  return { timeZone: o.timeZone, locale: o.locale };
};

export const ReviewerSheets = ({ campaign }: { campaign: ReviewCampaignView }) => {
  const client = useClient();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const exportSheet = async (reviewer: string, format: 'csv' | 'html') => {
    try {
      const sheet = unwrap(
        await client.call('reviews.exportSheet', {
          campaignId: campaign.id,
          reviewer,
          format,
          ...(format === 'html' ? readerZone() : {}),
        }),
      );
      downloadText(
        sheet.content,
        sheet.fileName,
        format === 'csv' ? 'text/csv;charset=utf-8' : 'text/html;charset=utf-8',
      );
      setStatus({
        ok: true,
        text: `Saved ${sheet.fileName} (${plural(sheet.rows, 'row')}) to your downloads.`,
      });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err, `Could not export ${reviewer}'s sheet`) });
    }
  };

  return (
    <section className="card" aria-labelledby="reviews-reviewers-title">
      <div>
        <h2 id="reviews-reviewers-title">Reviewers</h2>
        <p className="card-description">
          Send each reviewer their sheet: they fill in the decision column (keep, revoke, change-role or
          not-mine) and send it back for <em>Import sheet</em>. They need no Lanyard.
        </p>
      </div>
      <div className="table-wrap">
        <table className="table reviews-reviewers">
          <thead>
            <tr>
              <th scope="col">Reviewer</th>
              <th scope="col">Progress</th>
              <th scope="col" className="actions">
                Sheet
              </th>
            </tr>
          </thead>
          <tbody>
            {campaign.reviewers.map((r) => (
              <tr key={r.reviewer}>
                <th scope="row">
                  {r.reviewer}
                  {r.reviewer.toLowerCase() === campaign.fallback.toLowerCase() ? (
                    <span className="reviews-sub">fallback reviewer</span>
                  ) : null}
                </th>
                <td>
                  <span className="reviews-progress">
                    <span className="reviews-bar" aria-hidden="true">
                      <span style={{ width: `${r.items ? (r.decided / r.items) * 100 : 0}%` }} />
                    </span>
                    <span>
                      {r.decided} of {plural(r.items, 'item')} decided
                      {r.open ? `, ${r.open} open` : ''}
                    </span>
                  </span>
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    aria-label={`Export CSV: ${r.reviewer}`}
                    onClick={() => void exportSheet(r.reviewer, 'csv')}
                  >
                    Export CSV
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    aria-label={`Printable sheet: ${r.reviewer}`}
                    onClick={() => void exportSheet(r.reviewer, 'html')}
                  >
                    Printable sheet
                  </button>
                </td>
              </tr>
            ))}
            {campaign.reviewers.length === 0 ? (
              <tr>
                <td colSpan={3} className="empty">
                  No items, so no reviewers.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p className={status ? (status.ok ? 'form-status-ok' : 'form-status-error') : 'muted'} role="status">
        {status?.text ?? ''}
      </p>
    </section>
  );
};
