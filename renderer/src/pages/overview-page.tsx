// Overview: what this installation is (version, data folder, schema) and whether its parts are healthy.
import type { AppInfo, HealthItem } from '../../../shared/api/contract';
import { useAppInfo } from '../api/queries';
import { Page } from '../components/page';
import { StatusBadge } from '../components/status-badge';

const componentNames: Record<HealthItem['component'], string> = {
  store: 'Database',
  keychain: 'OS keychain',
  scheduler: 'Sync scheduler',
};

const formatTime = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
};

export const OverviewPage = () => {
  const info = useAppInfo();
  return (
    <Page title="Overview" lead="This Lanyard installation and the health of its parts.">
      <div className="grid-2">
        <InstallationCard info={info.data} />
        <HealthCard health={info.data?.health} />
      </div>
    </Page>
  );
};

/** While loading, the same rows render with placeholders so nothing moves when the data arrives. */
const InstallationCard = ({ info }: { info: AppInfo | undefined }) => {
  const rows: [string, string | undefined, boolean?][] = [
    ['Version', info?.version],
    ['Schema version', info ? String(info.schemaVersion) : undefined],
    ['Data folder', info?.dataDir, true],
    ['Database', info?.dbPath, true],
    ['Running since', info ? formatTime(info.startedAt) : undefined],
  ];
  return (
    <section className="card" aria-labelledby="installation-title">
      <div className="card-header">
        <h2 id="installation-title">Installation</h2>
      </div>
      <dl className="facts">
        {rows.map(([label, value, mono]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd className={mono ? 'mono' : undefined}>
              {value ?? <span className="skeleton" aria-hidden="true" />}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
};

const HealthCard = ({ health }: { health: HealthItem[] | undefined }) => {
  const worst = health?.some((h) => h.status === 'error')
    ? 'error'
    : health?.some((h) => h.status === 'degraded')
      ? 'degraded'
      : 'ok';
  return (
    <section className="card" aria-labelledby="health-title">
      <div className="card-header">
        <h2 id="health-title">Health</h2>
        {health ? (
          <StatusBadge
            tone={worst}
            label={worst === 'ok' ? 'All good' : worst === 'error' ? 'Needs attention' : 'Degraded'}
          />
        ) : null}
      </div>
      <ul className="health-list">
        {(health ?? placeholderHealth).map((item) => (
          <li key={item.component} className="health-item">
            <div className="health-text">
              <span className="health-name">{componentNames[item.component]}</span>
              <span className="health-detail">
                {health ? item.detail : <span className="skeleton" aria-hidden="true" />}
              </span>
            </div>
            {health ? (
              <StatusBadge tone={item.status} />
            ) : (
              <span className="skeleton skeleton-badge" aria-hidden="true" />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
};

const placeholderHealth: HealthItem[] = (['store', 'keychain', 'scheduler'] as const).map((component) => ({
  component,
  status: 'ok',
  detail: '',
}));
