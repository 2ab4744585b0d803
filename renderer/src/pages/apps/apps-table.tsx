// The list of apps: kind and preset, health, accounts (with orphans), credential set / not set, and the
// deprovision and review policies, with Details, Edit and Remove per row.
import type { AppConfig } from '../../../../shared/config/workspace';
import type { AppStatusView, ScimPresetView } from '../../../../shared/api/methods-workspace';
import type { SecretStatus } from '../../../../shared/domain/secrets';
import { StatusBadge } from '../../components/status-badge';
import { credentialRef } from './app-draft';
import { deprovisionLabel, healthBadge, kindDetail, kindLabel, plural, reviewLabel } from './apps-format';

interface Props {
  apps: AppConfig[];
  statuses: AppStatusView[] | undefined;
  presets: ScimPresetView[] | undefined;
  secrets: SecretStatus[] | undefined;
  selected: string | null;
  onOpen: (id: string) => void;
  onEdit: (id: string) => void;
  onRemove: (id: string) => void;
}

const Credential = ({ app, secrets }: { app: AppConfig; secrets: SecretStatus[] | undefined }) => {
  const ref = credentialRef(app);
  if (!ref) return <span className="muted">None needed</span>;
  if (!secrets) return <span className="skeleton skeleton-badge" aria-hidden="true" />;
  const set = secrets.find((s) => s.ref === ref)?.set ?? false;
  return <StatusBadge tone={set ? 'ok' : 'degraded'} label={set ? 'Set' : 'Not set'} />;
};

const Accounts = ({ status }: { status: AppStatusView | undefined }) => {
  if (!status) return <span className="skeleton" aria-hidden="true" />;
  if (status.accounts === null) return <span className="muted">Not read yet</span>;
  return (
    <span className="apps-count">
      {status.accounts}
      {status.orphans ? <span className="apps-warn"> · {plural(status.orphans, 'orphan')}</span> : null}
    </span>
  );
};

export const AppsTable = ({
  apps,
  statuses,
  presets,
  secrets,
  selected,
  onOpen,
  onEdit,
  onRemove,
}: Props) => (
  <div className="table-wrap">
    <table className="table apps-table">
      <caption className="visually-hidden">Connected apps</caption>
      <thead>
        <tr>
          <th scope="col">App</th>
          <th scope="col">Kind</th>
          <th scope="col">Health</th>
          <th scope="col">Accounts</th>
          <th scope="col">Credential</th>
          <th scope="col">When someone leaves</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {apps.map((app) => {
          const status = statuses?.find((s) => s.id === app.id);
          const health = status ? healthBadge(status.health) : null;
          return (
            <tr key={app.id} className={selected === app.id ? 'apps-row-selected' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="apps-name"
                  aria-expanded={selected === app.id}
                  aria-controls={selected === app.id ? 'apps-detail' : undefined}
                  onClick={() => onOpen(app.id)}
                >
                  {app.name}
                </button>
                <span className="apps-id mono">{app.id}</span>
              </th>
              <td>
                <span className="apps-kind-cell">
                  {app.kind === 'github' ? 'GitHub' : kindLabel(app.kind)}
                </span>
                <span className="apps-sub muted">{kindDetail(app, presets)}</span>
              </td>
              <td title={status?.healthDetail ?? undefined}>
                {health ? (
                  <StatusBadge tone={health.tone} label={health.label} />
                ) : (
                  <span className="skeleton skeleton-badge" aria-hidden="true" />
                )}
              </td>
              <td>
                <Accounts status={status} />
              </td>
              <td>
                <Credential app={app} secrets={secrets} />
              </td>
              <td>
                <span className="apps-policy">{deprovisionLabel(app.deprovision)}</span>
                <span className="apps-sub muted">{reviewLabel(app.review)}</span>
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-label={`Edit ${app.name}`}
                  onClick={() => onEdit(app.id)}
                >
                  Edit
                </button>{' '}
                <button
                  type="button"
                  className="button button-small button-secondary apps-remove"
                  aria-label={`Remove ${app.name}`}
                  onClick={() => onRemove(app.id)}
                >
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);
