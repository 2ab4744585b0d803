// Changes and revocations per day over the last 30 days, from the audit ledger's applied operations: a small
// stacked SVG bar chart with a text summary for screen readers and the same figures as a table on demand.
import { useMemo } from 'react';
import { useRpcQuery } from '../../api/queries';
import { plural } from '../../components/plural';
import { errorText } from '../../offboarding/offboarding-format';
import { dailyActivity } from './overview-data';

const W = 720;
const H = 140;
const PAD_BOTTOM = 18;

export const ActivityChart = () => {
  const audit = useRpcQuery('audit.list', { action: 'op.applied', since: '30d', limit: 1000 });
  const days = useMemo(() => dailyActivity(audit.data?.events ?? [], new Date()), [audit.data]);
  const changes = days.reduce((n, d) => n + d.changes, 0);
  const revocations = days.reduce((n, d) => n + d.revocations, 0);
  const max = Math.max(1, ...days.map((d) => d.changes + d.revocations));
  const slot = W / days.length;
  const bar = Math.max(4, slot - 6);
  const scale = (H - PAD_BOTTOM - 6) / max;
  const summary = audit.data
    ? changes + revocations === 0
      ? 'No changes or revocations in the last 30 days.'
      : `${changes} ${changes === 1 ? 'change' : 'changes'} and ${revocations} ${revocations === 1 ? 'revocation' : 'revocations'} in the last 30 days; the busiest day had ${max} operations.`
    : 'Loading the last 30 days…';

  return (
    <section className="card overview-chart" aria-labelledby="activity-title">
      <div className="card-header">
        <div>
          <h2 id="activity-title">
            <a href="#/audit?action=op.applied">Changes and revocations, last 30 days</a>
          </h2>
          <p className="card-description">{summary}</p>
        </div>
        <ul className="chart-legend" aria-hidden="true">
          <li>
            <span className="legend-swatch legend-changes" /> Changes
          </li>
          <li>
            <span className="legend-swatch legend-revocations" /> Revocations
          </li>
        </ul>
      </div>
      {audit.error ? (
        <p className="callout callout-error">{errorText(audit.error, 'Could not read the audit ledger')}</p>
      ) : null}
      <svg
        className="chart"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="none"
      >
        <line x1={0} x2={W} y1={H - PAD_BOTTOM} y2={H - PAD_BOTTOM} className="chart-axis" />
        {days.map((d, i) => {
          const x = i * slot + (slot - bar) / 2;
          const hc = d.changes * scale;
          const hr = d.revocations * scale;
          const base = H - PAD_BOTTOM;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${plural(d.changes, 'change')}, ${plural(d.revocations, 'revocation')}`}</title>
              {hr > 0 ? (
                <rect x={x} y={base - hr} width={bar} height={hr} className="bar-revocations" />
              ) : null}
              {hc > 0 ? (
                <rect x={x} y={base - hr - hc} width={bar} height={hc} className="bar-changes" />
              ) : null}
              {i % 7 === 2 || i === days.length - 1 ? (
                <text
                  x={i === days.length - 1 ? x + bar : x + bar / 2}
                  y={H - 4}
                  textAnchor={i === days.length - 1 ? 'end' : 'middle'}
                  className="chart-label"
                >
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details className="chart-table">
        <summary>Show as a table</summary>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Changes</th>
                <th scope="col">Revocations</th>
              </tr>
            </thead>
            <tbody>
              {days
                .filter((d) => d.changes || d.revocations)
                .map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{d.day}</th>
                    <td>{d.changes}</td>
                    <td>{d.revocations}</td>
                  </tr>
                ))}
              {changes + revocations === 0 ? (
                <tr>
                  <td colSpan={3} className="empty">
                    Nothing applied yet. Run a sync from the card above.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
};
