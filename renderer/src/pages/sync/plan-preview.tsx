// The dry-run plan (sync.plan): ops grouped by app, then by kind — headed by what they do in that app, in the shared
// op labels ("Remove from the GitHub org", not "Deactivate") — each with its reason; held ops carry their held
// reason. Apply is per app or all at once: the engine applies what it plans, not a hand-picked list of ops. Below
// the plan: accounts nobody in the directory matches, and accounts the workspace protects (never changed).
import type { SyncPlanResult } from '../../../../shared/api/methods-sync';
import { StatusBadge } from '../../components/status-badge';
import { PlanHandTasks } from '../tasks/hand-tasks-note';
import { KIND_LABEL, groupOps, isDestructive, kindCounts, plural } from './sync-format';

const SHOWN = 200;

interface Props {
  plan: SyncPlanResult;
  appName: (id: string) => string;
  busy: boolean;
  onApply: (appId: string | null) => void;
}

export const PlanPreview = ({ plan, appName, busy, onApply }: Props) => {
  const apps = groupOps(plan.ops);
  const protectedAccounts = plan.protected ?? [];
  const planned = plan.ops.length - plan.held;
  return (
    <div className="stack sync-plan" data-testid="sync-plan">
      <div className="sync-plan-summary">
        <p>
          <strong>
            {plan.ops.length === 0 ? 'Everything is in step' : plural(plan.ops.length, 'change')}
          </strong>
          {plan.ops.length ? `: ${kindCounts(plan.total)}` : ' — no app needs a change.'}
          {plan.held ? ` · ${plan.held} held for review` : ''}
        </p>
        {plan.ops.length ? (
          <button
            type="button"
            className="button"
            disabled={busy || planned === 0}
            onClick={() => onApply(null)}
          >
            Apply all…
          </button>
        ) : null}
      </div>
      <PlanHandTasks ops={plan.ops} />
      {plan.skippedApps.map((s) => (
        <p key={s.appId} className="callout callout-warning">
          {appName(s.appId)} sat this preview out: {s.reason}
        </p>
      ))}
      {plan.warnings.map((w) => (
        <p key={w} className="callout callout-warning">
          {w}
        </p>
      ))}
      {apps.map((app) => (
        <section key={app.appId} className="card sync-plan-app" aria-label={`Plan for ${appName(app.appId)}`}>
          <div className="card-header">
            <h3>{appName(app.appId)}</h3>
            <span className="muted">
              {plural(app.count, 'change')}
              {app.held ? ` · ${app.held} held` : ''}
            </span>
            {apps.length > 1 ? (
              <button
                type="button"
                className="button button-small button-secondary"
                disabled={busy || app.count === app.held}
                onClick={() => onApply(app.appId)}
              >
                Apply {appName(app.appId)} only…
              </button>
            ) : null}
          </div>
          {app.kinds.map(({ kind, ops }) => {
            // One kind can do different things in one app (a GitHub member is removed, an invitation cancelled).
            const labels = [...new Set(ops.map((o) => o.label ?? KIND_LABEL[kind]))];
            return (
              <details key={kind} className="sync-kind" open={ops.length <= 20}>
                <summary>
                  <span className={`sync-kind-label${isDestructive(kind) ? ' sync-kind-destructive' : ''}`}>
                    {labels.join(' · ')}
                  </span>{' '}
                  <span className="muted">{ops.length}</span>
                </summary>
                <ul className="sync-ops">
                  {ops.slice(0, SHOWN).map((op) => (
                    <li key={op.key} className="sync-op">
                      <span className="sync-op-target">
                        {op.target}
                        {labels.length > 1 ? <span className="muted"> — {op.label}</span> : null}
                      </span>
                      {op.status === 'held' ? <StatusBadge tone="degraded" label="Held" /> : null}
                      <span className="sync-op-reason">{op.reason}</span>
                      {op.heldReason ? <span className="sync-op-held">{op.heldReason}</span> : null}
                    </li>
                  ))}
                  {ops.length > SHOWN ? <li className="muted">… and {ops.length - SHOWN} more</li> : null}
                </ul>
              </details>
            );
          })}
        </section>
      ))}
      {plan.orphans.length ? (
        <details className="card sync-orphans">
          <summary>
            {plural(plan.orphans.length, 'account')} nobody in the directory matches (left alone)
          </summary>
          <ul className="sync-ops">
            {plan.orphans.slice(0, SHOWN).map((o) => (
              <li key={`${o.appId}-${o.remoteId}`} className="sync-op">
                <span className="sync-op-target">
                  {o.userName} <span className="muted">in {appName(o.appId)}</span>
                </span>
                <span className="sync-op-reason">{o.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {protectedAccounts.length ? (
        <details className="card sync-orphans" data-testid="sync-protected">
          <summary>
            {plural(protectedAccounts.length, 'protected account')} — never changed, whatever the rules say
          </summary>
          <p className="muted">
            The workspace protects these accounts (the app’s <code>protected</code> list), so Lanyard neither
            changes nor removes them. Remove one from that list to let the rules manage it again.
          </p>
          <ul className="sync-ops">
            {protectedAccounts.slice(0, SHOWN).map((o) => (
              <li key={`${o.appId}-${o.remoteId}`} className="sync-op">
                <span className="sync-op-target">
                  {o.userName} <span className="muted">in {appName(o.appId)}</span>
                </span>
                <span className="sync-op-reason">{o.reason}</span>
              </li>
            ))}
            {protectedAccounts.length > SHOWN ? (
              <li className="muted">… and {protectedAccounts.length - SHOWN} more</li>
            ) : null}
          </ul>
        </details>
      ) : null}
    </div>
  );
};
