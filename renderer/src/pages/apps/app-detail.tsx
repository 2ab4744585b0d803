// One app in detail: its settings and health at a glance, then Test connection / Probe and the accounts
// (orphan and drift report). Keyed by app id by the page, so results never carry over to another app.
import { useEffect, useRef, type ReactNode } from 'react';
import type { AppConfig } from '../../../../shared/config/workspace';
import type { AppStatusView, ScimPresetView } from '../../../../shared/api/methods-workspace';
import type { SecretStatus } from '../../../../shared/domain/secrets';
import { StatusBadge } from '../../components/status-badge';
import { credentialRef } from './app-draft';
import {
  deprovisionLabel,
  healthBadge,
  kindDetail,
  kindLabel,
  plural,
  limitsLabel,
  protectedLabel,
  rateLimitLabel,
  reviewLabel,
} from './apps-format';
import { AccountsPanel } from './accounts-panel';
import { ConnectionPanel } from './connection-panel';
import { AppTasks } from '../tasks/app-tasks';

interface Props {
  app: AppConfig;
  status: AppStatusView | undefined;
  presets: ScimPresetView[] | undefined;
  secrets: SecretStatus[] | undefined;
  focusOnOpen: boolean;
  onEdit: () => void;
  onRemove: () => void;
  onClose: () => void;
}

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="fact">
    <dt>{label}</dt>
    <dd>{children}</dd>
  </div>
);

export const AppDetail = ({
  app,
  status,
  presets,
  secrets,
  focusOnOpen,
  onEdit,
  onRemove,
  onClose,
}: Props) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);

  const ref = credentialRef(app);
  const secret = ref ? secrets?.find((s) => s.ref === ref) : undefined;
  const health = status ? healthBadge(status.health) : null;

  return (
    <section id="apps-detail" className="card apps-detail" aria-labelledby="apps-detail-title">
      <div className="card-header">
        <div>
          <h2 id="apps-detail-title" ref={heading} tabIndex={-1}>
            {app.name}
          </h2>
          <p className="card-description">
            {kindLabel(app.kind)} · {kindDetail(app, presets)} · <span className="mono">{app.id}</span>
          </p>
        </div>
        <div className="apps-actions">
          <button type="button" className="button button-secondary" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="button button-secondary apps-remove" onClick={onRemove}>
            Remove…
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={onClose}
            aria-label="Close details"
          >
            Close
          </button>
        </div>
      </div>

      <dl className="facts apps-facts">
        <Fact label="Health">
          {health ? <StatusBadge tone={health.tone} label={health.label} /> : '…'}
          {status?.healthDetail ? <span className="muted"> {status.healthDetail}</span> : null}
        </Fact>
        {app.kind !== 'manual' ? (
          <Fact label="Base URL">
            <span className="mono">{app.baseUrl}</span>
          </Fact>
        ) : (
          <Fact label="Assignee">{app.assignee ?? <span className="muted">Not set</span>}</Fact>
        )}
        {ref ? (
          <Fact label="Credential">
            <StatusBadge tone={secret?.set ? 'ok' : 'degraded'} label={secret?.set ? 'Set' : 'Not set'} />{' '}
            <span className="muted mono">{ref}</span>
          </Fact>
        ) : null}
        <Fact label="When someone leaves">{deprovisionLabel(app.deprovision)}</Fact>
        <Fact label="Review">{reviewLabel(app.review)}</Fact>
        {app.kind !== 'manual' ? <Fact label="Rate limit">{rateLimitLabel(app)}</Fact> : null}
        <Fact label="Protected accounts">{protectedLabel(app)}</Fact>
        {app.limits ? <Fact label="Removal limits">{limitsLabel(app.limits)}</Fact> : null}
        <Fact label="Access rules">
          {status ? plural(status.rules, 'rule') : '…'}
          {status?.rules === 0 ? <span className="muted"> — add one on Access rules to grant it</span> : null}
        </Fact>
      </dl>

      {app.kind === 'manual' && app.instructions ? (
        <p className="apps-instructions">{app.instructions}</p>
      ) : null}
      {app.kind === 'manual' ? <AppTasks appId={app.id} appName={app.name} /> : null}
      {app.kind !== 'manual' ? <ConnectionPanel app={app} stored={status?.capabilities ?? null} /> : null}
      <AccountsPanel app={app} />
    </section>
  );
};
