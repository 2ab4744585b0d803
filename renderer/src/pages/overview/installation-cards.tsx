// The installation facts (version, data folder, schema) and the health of Lanyard's own parts, as the Overview
// showed them from the start; while loading the same rows render placeholders so nothing moves.
import type { AppInfo, HealthItem } from '../../../../shared/api/contract';
import { StatusBadge } from '../../components/status-badge';
import { formatTime } from '../../offboarding/offboarding-format';

const componentNames: Record<HealthItem['component'], string> = {
  store: 'Database',
  keychain: 'OS keychain',
  scheduler: 'Sync scheduler',
};

export const InstallationCard = ({ info }: { info: AppInfo | undefined }) => {
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

export const HealthCard = ({ health }: { health: HealthItem[] | undefined }) => {
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
