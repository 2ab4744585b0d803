// An app's accounts from the last read: how many, which are linked to a directory person, the orphans (nobody in
// the directory) and accounts still active for people who are suspended or gone. "Read accounts now" reads the
// app again (apps.accounts), which stores the snapshot this report is built from. A search (name, email, login)
// and pages of 50 keep 5,000 accounts quick to go through.
import { useDeferredValue, useMemo, useState } from 'react';
import type { AppConfig } from '../../../../shared/config/workspace';
import type { AccountReportRow } from '../../../../shared/api/methods-workspace';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { StatusBadge } from '../../components/status-badge';
import { plural } from '../../components/plural';
import { formatWhen } from './apps-format';

const PAGE = 50;

/** Everything an admin may type to find an account: login, names, emails, the linked person. */
const haystack = (a: AccountReportRow): string =>
  [a.userName, a.displayName, ...a.emails, a.person?.displayName, a.person?.email, a.remoteId]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();

const AccountsTable = ({
  caption,
  rows,
  linked,
}: {
  caption: string;
  rows: AccountReportRow[];
  linked: boolean;
}) => {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const at = Math.min(page, pages - 1);
  const shown = rows.slice(at * PAGE, at * PAGE + PAGE);
  return (
    <div className="table-wrap">
      <table className="table apps-accounts">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">State</th>
            <th scope="col">{linked ? 'Directory person' : 'Role'}</th>
            <th scope="col">{linked ? 'Drift' : 'Id in the app'}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.remoteId}>
              <th scope="row">
                <span className="apps-account-name">{a.userName}</span>
                {a.displayName ? <span className="muted"> {a.displayName}</span> : null}
              </th>
              <td>
                <StatusBadge
                  tone={a.pending ? 'neutral' : a.active ? 'ok' : 'degraded'}
                  label={a.pending ? 'Invited' : a.active ? 'Active' : 'Deactivated'}
                />
              </td>
              {linked ? (
                <>
                  <td>
                    {a.person?.displayName ?? a.person?.email ?? a.person?.id}{' '}
                    <span className="muted">({a.person?.status})</span>
                  </td>
                  <td>
                    {a.drift ? (
                      <span className="apps-drift">{a.drift}</span>
                    ) : (
                      <span className="muted">None</span>
                    )}
                  </td>
                </>
              ) : (
                <>
                  <td>{a.role ?? <span className="muted">—</span>}</td>
                  <td className="mono apps-remote-id">{a.remoteId}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav className="apps-pager" aria-label={`Pages of ${caption.toLowerCase()}`}>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={at === 0}
            onClick={() => setPage(at - 1)}
          >
            Previous
          </button>
          <span className="muted">
            {(at * PAGE + 1).toLocaleString('en-US')}–{(at * PAGE + shown.length).toLocaleString('en-US')} of{' '}
            {rows.length.toLocaleString('en-US')}
          </span>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={at >= pages - 1}
            onClick={() => setPage(at + 1)}
          >
            Next
          </button>
        </nav>
      ) : null}
    </div>
  );
};

export const AccountsPanel = ({ app }: { app: AppConfig }) => {
  const report = useRpcQuery('apps.accountReport', { appId: app.id });
  const read = useRpcMutation('apps.accounts', ['apps.accountReport', 'apps.status', 'people.list']);
  const data = report.data;
  const [query, setQuery] = useState('');
  const q = useDeferredValue(query.trim().toLowerCase());
  const indexed = useMemo(() => (data?.accounts ?? []).map((a) => ({ a, text: haystack(a) })), [data]);
  const matching = q ? indexed.filter((x) => x.text.includes(q)).map((x) => x.a) : (data?.accounts ?? []);
  const orphans = matching.filter((a) => !a.person && !a.settled);
  const settled = matching.filter((a) => !a.person && a.settled);
  const linked = matching.filter((a) => a.person);
  const neverRead = data !== undefined && data.readAt === null;

  return (
    <section className="apps-panel" aria-labelledby="apps-accounts-title">
      <div className="apps-panel-head">
        <div>
          <h3 id="apps-accounts-title">Accounts</h3>
          <p className="muted">
            {app.kind === 'manual'
              ? 'Manual apps have no API: these are the accounts admins confirmed on checklist tasks.'
              : `Who has an account in ${app.name}, matched to the directory by externalId, then email or login.`}
          </p>
        </div>
        <div className="apps-actions">
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={read.isPending || undefined}
            onClick={() => !read.isPending && read.mutate({ appId: app.id })}
          >
            {read.isPending ? 'Reading…' : neverRead ? 'Read accounts now' : 'Read again'}
          </button>
        </div>
      </div>

      <div aria-live="polite" className="apps-results">
        {read.error ? (
          <p className="callout callout-error" role="alert">
            Could not read the accounts: {read.error.message} {read.error.hint ?? ''}
          </p>
        ) : null}
        {report.error ? (
          <p className="callout callout-error" role="alert">
            Could not load the account report: {report.error.message}
          </p>
        ) : null}
        {!data && !report.error ? <p className="muted">Loading accounts…</p> : null}
        {neverRead ? (
          <p className="apps-empty">
            {app.kind === 'manual'
              ? 'No confirmed accounts yet. They appear here as admins complete checklist tasks.'
              : `Lanyard has not read ${app.name}’s accounts yet. Read them now to see who has an account and which accounts belong to nobody in your directory.`}
          </p>
        ) : null}
        {data && !neverRead ? (
          <>
            <p className="apps-summary">
              <strong>{plural(data.count, 'account')}</strong> · {data.linked} linked to{' '}
              {data.linked === 1 ? 'a person' : 'people'} ·{' '}
              <strong className={data.orphans ? 'apps-warn' : undefined}>
                {plural(data.orphans, 'orphan')}
              </strong>
              {data.drifted ? (
                <>
                  {' '}
                  · {data.drifted} still active for {data.drifted === 1 ? 'a person who' : 'people who'} left
                </>
              ) : null}{' '}
              · read {formatWhen(data.readAt)}
            </p>
            <div className="field apps-account-search">
              <label htmlFor={`accounts-search-${app.id}`}>Find an account</label>
              <div className="field-control">
                <input
                  id={`accounts-search-${app.id}`}
                  type="search"
                  placeholder="Name, email or login"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                />
              </div>
            </div>
            {q ? (
              <p className="muted" role="status">
                {matching.length
                  ? `${plural(matching.length, 'account')} match “${query.trim()}”.`
                  : `No account matches “${query.trim()}”.`}
              </p>
            ) : null}
            {data.orphans ? (
              <p className="muted">
                <a href="#/people?view=orphans">Deal with orphans on the People page</a>: ignore, mark as a
                service account, link to a person, or remove.
              </p>
            ) : null}
            {orphans.length ? (
              <AccountsTable
                caption="Orphans: accounts that match nobody in the directory"
                rows={orphans}
                linked={false}
              />
            ) : q ? null : (
              <p className="muted">
                {settled.length
                  ? 'No orphans left to deal with.'
                  : 'No orphans: every account belongs to someone in the directory.'}
              </p>
            )}
            {settled.length ? (
              <AccountsTable
                caption="Orphans dealt with: ignored, or service accounts Lanyard never touches"
                rows={settled}
                linked={false}
              />
            ) : null}
            {linked.length ? (
              <AccountsTable caption="Linked to directory people" rows={linked} linked />
            ) : null}
            <p className="muted apps-footnote">
              Drift here covers accounts still active for people who are suspended or gone. Role and group
              differences are not in this report yet; the sync plan (Sync page) lists the changes they cause.
            </p>
          </>
        ) : null}
      </div>
    </section>
  );
};
