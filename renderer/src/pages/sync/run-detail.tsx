// One run in full (runs.get): what started it and who, when and how long, the directory read, per-app counts, and
// every op with its label, outcome, reason and the ledger events that record it (each a link to the Audit page,
// narrowed to that app and second). Errors are said in words, with the app they came from.
import type { RunDetail, RunLedgerEvent } from '../../../../shared/api/methods-runs';
import { useRpcQuery } from '../../api/queries';
import { plural } from '../../components/plural';
import { StatusBadge } from '../../components/status-badge';
import { RUN_LABEL, RUN_TONE } from './run-history';
import { KIND_LABEL, SOURCE_LABEL, STATUS_LABEL, STATUS_TONE, duration, when } from './sync-format';

/** The Audit page filtered to the event's app and the second it was recorded in. */
const auditHref = (e: RunLedgerEvent): string => {
  const from = new Date(Date.parse(e.at) - (Date.parse(e.at) % 1000));
  const q = new URLSearchParams({
    ...(e.appId ? { app: e.appId } : {}),
    since: from.toISOString(),
    until: new Date(from.getTime() + 1000).toISOString(),
  });
  return `#/audit?${q.toString()}`;
};

const SeqLinks = ({ events }: { events: RunLedgerEvent[] }) =>
  events.length ? (
    <span className="sync-run-seqs">
      {events.map((e) => (
        <a key={e.seq} href={auditHref(e)} title={`${e.action}: ${e.result}`}>
          #{e.seq}
        </a>
      ))}
    </span>
  ) : (
    <span className="muted">—</span>
  );

const Facts = ({ d }: { d: RunDetail }) => {
  const s = d.run.stats;
  const dir = s?.directory;
  return (
    <dl className="sync-run-facts">
      <dt>Started by</dt>
      <dd>
        {d.who} <span className="muted">({d.run.trigger})</span>
      </dd>
      <dt>Started</dt>
      <dd>
        {when(d.run.startedAt)}
        {s ? `, took ${duration(s.durationMs)}` : d.run.finishedAt ? '' : ', still running'}
      </dd>
      <dt>Directory</dt>
      <dd>
        {dir
          ? `${dir.mode === 'delta' ? 'changes since the last read' : 'full read'}: ${plural(dir.people, 'person', 'people')}, ${plural(dir.requests, 'request')}${dir.suspicious ? ' — looked wrong, so removals were held' : ''}`
          : 'not read in this run'}
      </dd>
      <dt>Outcome</dt>
      <dd>
        <StatusBadge tone={RUN_TONE[d.run.status]} label={RUN_LABEL[d.run.status]} />{' '}
        {s ? `${s.applied} applied, ${s.failed} failed, ${s.held} held, ${s.skipped} skipped` : ''}
        {d.run.error ? <span className="sync-sub sync-error">{d.run.error}</span> : null}
      </dd>
    </dl>
  );
};

const AppCounts = ({ d }: { d: RunDetail }) => {
  const apps = Object.entries(d.run.stats?.apps ?? {});
  if (!apps.length) return null;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>Per app</caption>
        <thead>
          <tr>
            <th scope="col">App</th>
            <th scope="col">Applied</th>
            <th scope="col">Failed</th>
            <th scope="col">Held</th>
            <th scope="col">Requests</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {apps.map(([id, a]) => (
            <tr key={id}>
              <th scope="row">{d.appNames[id] ?? id}</th>
              <td>{a.applied}</td>
              <td>{a.failed}</td>
              <td>{a.held}</td>
              <td>{a.requests}</td>
              <td className={a.status === 'ok' ? 'muted' : 'sync-error'}>{a.detail ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export const RunDetailPanel = ({ id, onClose }: { id: number; onClose: () => void }) => {
  const detail = useRpcQuery('runs.get', { id });
  const d = detail.data;
  return (
    <section className="card sync-run-detail" aria-labelledby="sync-run-detail-title">
      <div className="card-header">
        <h3 id="sync-run-detail-title">Run #{id}</h3>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </div>
      {detail.error ? (
        <p className="callout callout-error" role="alert">
          Could not read run #{id}: {detail.error.message} {detail.error.hint ?? ''}
        </p>
      ) : !d ? (
        <span className="skeleton" />
      ) : (
        <div className="stack">
          <Facts d={d} />
          <AppCounts d={d} />
          {d.ops.length ? (
            <div className="table-wrap">
              <table className="table sync-run-ops">
                <caption>{plural(d.ops.length, 'change')}</caption>
                <thead>
                  <tr>
                    <th scope="col">Change</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Ledger</th>
                  </tr>
                </thead>
                <tbody>
                  {d.ops.map((op) => (
                    <tr key={op.id}>
                      <th scope="row">
                        <span className="sync-op-target">{op.target}</span>
                        <span className="sync-sub">
                          {op.label ?? `${KIND_LABEL[op.kind]} in ${d.appNames[op.appId] ?? op.appId}`}
                        </span>
                        <span className="sync-sub muted">from {SOURCE_LABEL[op.source]}</span>
                      </th>
                      <td>
                        <StatusBadge tone={STATUS_TONE[op.status]} label={STATUS_LABEL[op.status]} />
                        {op.error ? <span className="sync-sub sync-error">{op.error}</span> : null}
                        {op.status === 'held' && op.heldReason ? (
                          <span className="sync-sub sync-note">{op.heldReason}</span>
                        ) : null}
                      </td>
                      <td className="sync-op-reason">{op.reason}</td>
                      <td>
                        <SeqLinks events={op.ledger} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">This run changed nothing: every account was as the rules say.</p>
          )}
          {d.events.length ? (
            <ul className="sync-run-events">
              {d.events.map((e) => (
                <li key={e.seq}>
                  <a href={auditHref(e)}>#{e.seq}</a> {e.action}: {e.result}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </section>
  );
};
