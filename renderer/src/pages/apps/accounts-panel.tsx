// An app's accounts from the last read: how many, which are linked to a directory person, the orphans (nobody in
// the directory) and accounts still active for people who are suspended or gone. "Read accounts now" reads the
// app again (apps.accounts), which stores the snapshot this report is built from.
import type { AppConfig } from '../../../../shared/config/workspace';
import type { AccountReportRow } from '../../../../shared/api/methods-workspace';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { StatusBadge } from '../../components/status-badge';
import { formatWhen, plural } from './apps-format';

/** Enough to find someone by eye; the People page has the whole matrix. */
const SHOWN = 200;

const AccountsTable = ({
  caption,
  rows,
  linked,
}: {
  caption: string;
  rows: AccountReportRow[];
  linked: boolean;
}) => (
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
        {rows.slice(0, SHOWN).map((a) => (
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
    {rows.length > SHOWN ? (
      <p className="apps-more muted">
        Showing the first {SHOWN} of {rows.length}; the People page lists everyone.
      </p>
    ) : null}
  </div>
);

export const AccountsPanel = ({ app }: { app: AppConfig }) => {
  const report = useRpcQuery('apps.accountReport', { appId: app.id });
  const read = useRpcMutation('apps.accounts', ['apps.accountReport', 'apps.status', 'people.list']);
  const data = report.data;
  const orphans = data?.accounts.filter((a) => !a.person) ?? [];
  const linked = data?.accounts.filter((a) => a.person) ?? [];
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
              <strong>{plural(data.count, 'account')}</strong> · {data.linked} linked to people ·{' '}
              <strong className={data.orphans ? 'apps-warn' : undefined}>
                {plural(data.orphans, 'orphan')}
              </strong>
              {data.drifted ? <> · {data.drifted} still active for people who left</> : null} · read{' '}
              {formatWhen(data.readAt)}
            </p>
            {orphans.length ? (
              <AccountsTable
                caption="Orphans: accounts that match nobody in the directory"
                rows={orphans}
                linked={false}
              />
            ) : (
              <p className="muted">No orphans: every account belongs to someone in the directory.</p>
            )}
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
