// The installation facts (version, data folder, schema) and Health: status.summary's problems (a failing directory
// or app is red here as in the banners and the tray) and Lanyard's own parts; "All good" only when nothing is
// wrong. While loading the same rows render placeholders so nothing moves.
import type { AppInfo, HealthItem } from '../../../../shared/api/contract';
import type { StatusSummary } from '../../../../shared/api/methods-status';
import { StatusBadge, type BadgeTone } from '../../components/status-badge';
import { errorText, formatTime } from '../../offboarding/offboarding-format';
import type { StatusQuery } from '../../sync-state/use-status';
import { healthBadge } from './overview-data';

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

interface HealthRow {
  key: string;
  name: string;
  detail: string;
  tone: BadgeTone;
  /** Only where the default word for the tone would say less ("Paused" rather than "Degraded"). */
  label?: string;
}

const PROBLEM_NAME = (subject: string): string =>
  subject === 'directory'
    ? 'Directory'
    : subject.startsWith('app:')
      ? 'App'
      : subject === 'runs'
        ? 'Sync runs'
        : '';

/**
 * The rows: every problem of status.summary first (directory, apps, runs; the same words as the banners and the
 * tray), then the directory when it is fine, then Lanyard's own parts (the scheduler as the summary sees it).
 */
const healthRows = (summary: StatusSummary, health: HealthItem[]): HealthRow[] => {
  const since = (iso: string | null) => (iso ? ` Since ${formatTime(iso)}.` : '');
  const rows: HealthRow[] = summary.problems
    .filter((p) => PROBLEM_NAME(p.subject))
    .map((p) => ({
      key: `${p.subject}:${p.title}`,
      name: PROBLEM_NAME(p.subject),
      detail: `${p.title}.${since(p.since)}`,
      tone: p.tone,
    }));
  const d = summary.directory;
  if (d && d.tone !== 'error' && d.tone !== 'degraded')
    rows.push({
      key: 'directory',
      name: 'Directory',
      detail: d.lastGoodReadAt
        ? `${d.name}, read ${formatTime(d.lastGoodReadAt)}`
        : `${d.name}, not read yet`,
      tone: d.tone,
    });
  for (const item of health) {
    if (item.component === 'scheduler') {
      const sch = summary.scheduler;
      rows.push({
        key: 'scheduler',
        name: componentNames.scheduler,
        detail: sch.detail,
        tone: sch.tone,
        ...(sch.tone === 'ok' ? {} : { label: sch.label }),
      });
    } else
      rows.push({
        key: item.component,
        name: componentNames[item.component],
        detail: item.detail,
        tone: item.status,
      });
  }
  return rows;
};

export const HealthCard = ({ health, status }: { health: HealthItem[] | undefined; status: StatusQuery }) => {
  const summary = status.summary;
  const badge = healthBadge(summary);
  const rows = summary && health ? healthRows(summary, health) : null;
  return (
    <section className="card" aria-labelledby="health-title">
      <div className="card-header">
        <h2 id="health-title">Health</h2>
        {summary || status.error ? <StatusBadge tone={badge.tone} label={badge.label} /> : null}
      </div>
      {status.error && !summary ? (
        <p className="callout callout-error">{errorText(status.error, 'Lanyard cannot read its status')}</p>
      ) : null}
      <ul className="health-list" data-testid="health-list">
        {rows
          ? rows.map((row) => (
              <li key={row.key} className="health-item">
                <div className="health-text">
                  <span className="health-name">{row.name}</span>
                  <span className="health-detail">{row.detail}</span>
                </div>
                <StatusBadge tone={row.tone} {...(row.label ? { label: row.label } : {})} />
              </li>
            ))
          : placeholderHealth.map((item) => (
              <li key={item.component} className="health-item">
                <div className="health-text">
                  <span className="health-name">{componentNames[item.component]}</span>
                  <span className="health-detail">
                    <span className="skeleton" aria-hidden="true" />
                  </span>
                </div>
                <span className="skeleton skeleton-badge" aria-hidden="true" />
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
