// Orphan accounts: app accounts that match nobody in the directory (no externalId, email or login in common).
// Usually few; shown as a plain table, capped so a misconfigured app cannot freeze the page.
import type { OrphanAccount, PeopleListApp } from '../../../../shared/api/methods-people';
import { StatusBadge } from '../../components/status-badge';
import { formatCount } from './people-format';

const SHOWN = 500;

export const OrphansTable = ({ orphans, apps }: { orphans: OrphanAccount[]; apps: PeopleListApp[] }) => {
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  if (!orphans.length)
    return (
      <div className="people-empty card">
        <h2>No orphan accounts</h2>
        <p className="muted">Every account Lanyard has read belongs to someone in the directory.</p>
      </div>
    );
  return (
    <div className="card orphans-card">
      <p className="card-description">
        These accounts match nobody in the directory by externalId, email or login. Sync leaves them alone;
        remove them in the app or link them by giving them the person’s email.
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Orphan accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">App</th>
              <th scope="col">Email</th>
              <th scope="col">State</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {orphans.slice(0, SHOWN).map((o) => (
              <tr key={`${o.appId}/${o.remoteId}`}>
                <th scope="row" className="mono">
                  {o.userName}
                </th>
                <td>{appName.get(o.appId) ?? o.appId}</td>
                <td>{o.email ?? <span className="muted">—</span>}</td>
                <td>
                  <StatusBadge
                    tone={o.active ? 'degraded' : 'neutral'}
                    label={o.active ? 'Active' : 'Deactivated'}
                  />
                </td>
                <td>{o.role ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {orphans.length > SHOWN ? (
        <p className="muted">
          Showing {formatCount(SHOWN)} of {formatCount(orphans.length)}; narrow them down per app on the Apps
          page.
        </p>
      ) : null}
    </div>
  );
};
